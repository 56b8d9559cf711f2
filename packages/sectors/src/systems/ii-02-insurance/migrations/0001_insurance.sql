-- Reference national insurance database (II.2, Cơ sở dữ liệu quốc gia về bảo hiểm), Vietnam Social
-- Security (BHXH): insured people with their 10-digit social insurance number, health insurance
-- cards (15-character number, Decision 1351/QĐ-BHXH), and compulsory social insurance
-- contribution periods of employees.

CREATE TABLE insured_persons (
  social_insurance_number  text PRIMARY KEY CHECK (social_insurance_number ~ '^[0-9]{10}$'),
  personal_id              text NOT NULL UNIQUE CHECK (personal_id ~ '^[0-9]{12}$'),
  full_name                text NOT NULL,
  date_of_birth            date NOT NULL,
  gender                   text NOT NULL CHECK (gender IN ('male', 'female')),
  province_code            text NOT NULL CHECK (province_code ~ '^[0-9]{2}$')
);

CREATE TABLE health_insurance_cards (
  card_number              text PRIMARY KEY CHECK (card_number ~ '^[A-Z]{2}[1-5][0-9]{2}[0-9]{10}$'),
  social_insurance_number  text NOT NULL REFERENCES insured_persons (social_insurance_number),
  group_code               text NOT NULL,
  benefit_level            integer NOT NULL CHECK (benefit_level BETWEEN 1 AND 5),
  valid_from               date NOT NULL,
  valid_to                 date NOT NULL CHECK (valid_to >= valid_from),
  primary_care_facility    text NOT NULL
);
CREATE INDEX health_insurance_cards_sin ON health_insurance_cards (social_insurance_number, valid_to DESC);

CREATE TABLE contribution_periods (
  social_insurance_number  text NOT NULL REFERENCES insured_persons (social_insurance_number),
  employer_tax_code        text NOT NULL CHECK (employer_tax_code ~ '^[0-9]{10}$'),
  from_month               date NOT NULL,
  to_month                 date,
  PRIMARY KEY (social_insurance_number, from_month)
);
