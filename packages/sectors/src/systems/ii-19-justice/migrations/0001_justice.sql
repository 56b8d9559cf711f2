-- Reference justice sector databases (II.19), Ministry of Justice: judicial record certificates
-- issued (Law on Judicial Records 2009), decisions on administrative violations (Law on Handling
-- Administrative Violations 2012), and civil judgment enforcement cases.

CREATE TABLE judicial_record_certificates (
  certificate_no      text PRIMARY KEY,
  personal_id         text NOT NULL CHECK (personal_id ~ '^[0-9]{12}$'),
  full_name           text NOT NULL,
  -- Form 1 (for individuals and agencies) or form 2 (full record, for the person or criminal procedure).
  form                integer NOT NULL CHECK (form IN (1, 2)),
  has_criminal_record boolean NOT NULL,
  issued_on           date NOT NULL,
  issuing_office      text NOT NULL
);
CREATE INDEX judicial_record_certificates_person ON judicial_record_certificates (personal_id, issued_on DESC);

CREATE TABLE administrative_violations (
  decision_no   text PRIMARY KEY,
  personal_id   text NOT NULL CHECK (personal_id ~ '^[0-9]{12}$'),
  violation     text NOT NULL,
  fine_vnd      bigint NOT NULL CHECK (fine_vnd >= 0),
  decided_on    date NOT NULL,
  decided_by    text NOT NULL,
  executed      boolean NOT NULL
);
CREATE INDEX administrative_violations_person ON administrative_violations (personal_id);

CREATE TABLE enforcement_cases (
  case_no             text PRIMARY KEY,
  obligor_personal_id text NOT NULL CHECK (obligor_personal_id ~ '^[0-9]{12}$'),
  amount_vnd          bigint NOT NULL CHECK (amount_vnd > 0),
  opened_on           date NOT NULL,
  status              text NOT NULL CHECK (status IN ('enforcing', 'postponed', 'completed'))
);
CREATE INDEX enforcement_cases_obligor ON enforcement_cases (obligor_personal_id);
