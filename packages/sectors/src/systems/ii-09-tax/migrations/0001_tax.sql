-- Reference tax database (II.9, Cơ sở dữ liệu thuế): personal taxpayers and their annual
-- personal income tax settlements. Tax codes are the 10-digit codes issued before the personal ID
-- replaced them for individuals (Circular 86/2024/TT-BTC, from 1 Jul 2025); the personal ID is
-- held beside each one.

CREATE TABLE taxpayers (
  tax_code       text PRIMARY KEY CHECK (tax_code ~ '^[0-9]{10}$'),
  personal_id    text NOT NULL UNIQUE CHECK (personal_id ~ '^[0-9]{12}$'),
  full_name      text NOT NULL,
  date_of_birth  date NOT NULL,
  tax_office     text NOT NULL,
  registered_on  date NOT NULL,
  status         text NOT NULL CHECK (status IN ('active', 'suspended', 'closed'))
);

-- Annual personal income tax settlement (quyết toán thuế TNCN).
CREATE TABLE tax_settlements (
  tax_code            text NOT NULL REFERENCES taxpayers (tax_code),
  year                integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  taxable_income_vnd  bigint NOT NULL CHECK (taxable_income_vnd >= 0),
  tax_due_vnd         bigint NOT NULL CHECK (tax_due_vnd >= 0),
  tax_paid_vnd        bigint NOT NULL CHECK (tax_paid_vnd >= 0),
  PRIMARY KEY (tax_code, year)
);
