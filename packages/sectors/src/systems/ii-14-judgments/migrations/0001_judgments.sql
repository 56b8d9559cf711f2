-- Reference database of published court judgments and decisions (II.14, CSDL công bố bản án,
-- quyết định của Tòa án), Supreme People's Court. Published judgments are anonymised; the index
-- of parties by personal ID stays inside the court system and is shared only under grant.

CREATE TABLE judgments (
  judgment_no   text PRIMARY KEY,
  court         text NOT NULL,
  case_type     text NOT NULL CHECK (case_type IN ('criminal', 'civil', 'marriage_family', 'business', 'labour', 'administrative')),
  instance      text NOT NULL CHECK (instance IN ('first_instance', 'appeal')),
  decided_on    date NOT NULL,
  published_on  date,
  summary       text NOT NULL
);

CREATE TABLE judgment_parties (
  judgment_no  text NOT NULL REFERENCES judgments (judgment_no),
  personal_id  text NOT NULL CHECK (personal_id ~ '^[0-9]{12}$'),
  role         text NOT NULL CHECK (role IN ('plaintiff', 'defendant', 'accused', 'related_party')),
  PRIMARY KEY (judgment_no, personal_id)
);
CREATE INDEX judgment_parties_person ON judgment_parties (personal_id);
