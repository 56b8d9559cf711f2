-- Reference electronic health book database (II.10, Cơ sở dữ liệu sổ sức khỏe điện tử), Ministry of
-- Health (Bộ Y tế): one health book per person, with the primary care facility, the health
-- insurance card it is linked to, and a summary of check-ups and vaccinations.

CREATE TABLE health_books (
  book_id                text PRIMARY KEY CHECK (book_id ~ '^SSK[0-9]{9}$'),
  personal_id            text NOT NULL UNIQUE CHECK (personal_id ~ '^[0-9]{12}$'),
  full_name              text NOT NULL,
  health_insurance_card  text,
  primary_care_facility  text NOT NULL,
  blood_type             text,
  last_checkup_on        date,
  vaccination_doses      integer NOT NULL CHECK (vaccination_doses >= 0),
  -- Sensitive health data (Law 91/2025/QH15): kept here, not offered to the NPDB side.
  chronic_conditions     text
);
