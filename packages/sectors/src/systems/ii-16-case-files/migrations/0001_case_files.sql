-- Reference database of People's Court case files (II.16, CSDL về hồ sơ vụ án của Tòa án nhân
-- dân): cases accepted and in progress, with their parties by personal ID.

CREATE TABLE case_files (
  case_no       text PRIMARY KEY,
  court         text NOT NULL,
  case_type     text NOT NULL CHECK (case_type IN ('criminal', 'civil', 'marriage_family', 'business', 'labour', 'administrative')),
  accepted_on   date NOT NULL,
  stage         text NOT NULL CHECK (stage IN ('accepted', 'preparing', 'trial_scheduled', 'suspended', 'closed')),
  next_hearing  date
);

CREATE TABLE case_parties (
  case_no      text NOT NULL REFERENCES case_files (case_no),
  personal_id  text NOT NULL CHECK (personal_id ~ '^[0-9]{12}$'),
  role         text NOT NULL CHECK (role IN ('plaintiff', 'defendant', 'accused', 'related_party', 'witness')),
  PRIMARY KEY (case_no, personal_id)
);
CREATE INDEX case_parties_person ON case_parties (personal_id);
