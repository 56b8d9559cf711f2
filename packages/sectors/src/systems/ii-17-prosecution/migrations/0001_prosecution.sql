-- Reference prosecution database (II.17), Supreme People's Procuracy: decisions applying
-- preventive measures to people under investigation (Criminal Procedure Code 2015, Art. 109).
-- (The plan item also names judicial and crime statistics: aggregates without personal data,
-- which have nothing to exchange with the NPDB and are not modelled here.)

CREATE TABLE preventive_measures (
  decision_no   text PRIMARY KEY,
  personal_id   text NOT NULL CHECK (personal_id ~ '^[0-9]{12}$'),
  -- Art. 109: custody, temporary detention, ban from leaving the place of residence, guarantee,
  -- bail, temporary exit ban.
  measure       text NOT NULL CHECK (measure IN ('custody', 'temporary_detention', 'residence_ban', 'guarantee', 'bail', 'exit_ban')),
  decided_on    date NOT NULL,
  valid_until   date NOT NULL,
  decided_by    text NOT NULL,
  approved_by   text NOT NULL,
  case_ref      text NOT NULL
);
CREATE INDEX preventive_measures_person ON preventive_measures (personal_id, valid_until DESC);
