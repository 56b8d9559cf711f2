-- Reference driving licence and vehicle inspection database (II.11, CSDL giấy phép lái xe, đăng
-- kiểm phương tiện): 12-digit licences with their classes and the 12-point balance of the Road
-- Traffic Order and Safety Law 2024 (Art. 58), vehicles by owner and their periodic inspections.

CREATE TABLE driving_licences (
  licence_number  text PRIMARY KEY CHECK (licence_number ~ '^[0-9]{12}$'),
  personal_id     text NOT NULL UNIQUE CHECK (personal_id ~ '^[0-9]{12}$'),
  full_name       text NOT NULL,
  date_of_birth   date NOT NULL,
  -- Classes of the 2024 law: A1, A (motorcycles), B (cars up to 8 seats), C1, C, D…
  classes         text NOT NULL,
  issued_on       date NOT NULL,
  -- NULL: motorcycle classes do not expire.
  expires_on      date,
  points          integer NOT NULL CHECK (points BETWEEN 0 AND 12),
  issuing_office  text NOT NULL
);

CREATE TABLE vehicles (
  plate               text PRIMARY KEY,
  owner_personal_id   text NOT NULL CHECK (owner_personal_id ~ '^[0-9]{12}$'),
  kind                text NOT NULL,
  brand               text NOT NULL,
  registered_on       date NOT NULL
);
CREATE INDEX vehicles_owner ON vehicles (owner_personal_id);

CREATE TABLE inspections (
  inspection_no  text PRIMARY KEY,
  plate          text NOT NULL REFERENCES vehicles (plate),
  inspected_on   date NOT NULL,
  valid_until    date NOT NULL,
  station        text NOT NULL,
  passed         boolean NOT NULL
);
CREATE INDEX inspections_plate ON inspections (plate, inspected_on DESC);
