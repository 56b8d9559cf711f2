-- Reference national electronic civil status database (II.12, Cơ sở dữ liệu hộ tịch điện tử toàn
-- quốc), Ministry of Justice: birth, marriage and death registrations (Law on Civil Status 2014).

CREATE TABLE birth_registrations (
  registration_no  text PRIMARY KEY,
  personal_id      text NOT NULL UNIQUE CHECK (personal_id ~ '^[0-9]{12}$'),
  full_name        text NOT NULL,
  date_of_birth    date NOT NULL,
  place_of_birth   text NOT NULL,
  father_name      text,
  mother_name      text,
  registered_on    date NOT NULL,
  registry_office  text NOT NULL
);

CREATE TABLE marriage_registrations (
  registration_no      text PRIMARY KEY,
  husband_personal_id  text CHECK (husband_personal_id ~ '^[0-9]{12}$'),
  husband_name         text NOT NULL,
  wife_personal_id     text CHECK (wife_personal_id ~ '^[0-9]{12}$'),
  wife_name            text NOT NULL,
  registered_on        date NOT NULL,
  registry_office      text NOT NULL
);
CREATE INDEX marriage_registrations_husband ON marriage_registrations (husband_personal_id);
CREATE INDEX marriage_registrations_wife ON marriage_registrations (wife_personal_id);

CREATE TABLE death_registrations (
  registration_no  text PRIMARY KEY,
  personal_id      text NOT NULL UNIQUE CHECK (personal_id ~ '^[0-9]{12}$'),
  full_name        text NOT NULL,
  date_of_death    date NOT NULL,
  registered_on    date NOT NULL,
  registry_office  text NOT NULL
);
