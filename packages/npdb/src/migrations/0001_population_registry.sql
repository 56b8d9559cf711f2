-- Reference National Population Database (NPDB): the 26 fields of the Law on Identification 2023,
-- Art. 9 (numbers in the comments), households, a change feed and documents linked by sectoral
-- systems. Residence uses the 2025 administrative units (5-digit ward codes); the province of
-- birth registration keeps the 63 pre-2025 codes, as the personal identification number does.
--
-- Bulk seeding (src/seed) drops the primary keys, foreign keys and indexes of these tables,
-- loads with COPY, and recreates them from the definitions PostgreSQL reports for them, so this
-- file stays the single source of the schema.

CREATE TABLE households (
  household_id           text PRIMARY KEY CHECK (household_id ~ '^[0-9]{10}$'),
  -- 23: the head; members are the citizens pointing here.
  head_personal_id       text NOT NULL CHECK (head_personal_id ~ '^[0-9]{12}$'),
  -- Permanent residence of the household (2025 ward).
  ward_code              text NOT NULL CHECK (ward_code ~ '^[0-9]{5}$'),
  province_code          text NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
  address_line           text NOT NULL,
  -- 20: residence file number (số hồ sơ cư trú).
  residence_file_number  text NOT NULL,
  registered_on          date NOT NULL
);

CREATE TABLE citizens (
  -- 3: personal identification number (Decree 137/2015 Art. 13).
  personal_id            text PRIMARY KEY CHECK (personal_id ~ '^[0-9]{12}$'),
  -- 1, 2
  full_name              text NOT NULL CHECK (full_name <> ''),
  other_names            text,
  -- 4, 5
  date_of_birth          date NOT NULL,
  gender                 text NOT NULL CHECK (gender IN ('male', 'female')),
  -- 6, 7 (63-code list, equal to digits 1-3 of the personal ID), 8
  place_of_birth         text NOT NULL,
  birth_registration_province text NOT NULL CHECK (birth_registration_province ~ '^[0-9]{3}$'),
  hometown               text NOT NULL,
  -- 9 (national list of 54 ethnic groups), 10, 11 (ISO 3166-1 alpha-2), 12
  ethnicity_code         text NOT NULL CHECK (ethnicity_code ~ '^[0-9]{2}$'),
  religion_code          text NOT NULL,
  nationality            text NOT NULL DEFAULT 'VN' CHECK (nationality ~ '^[A-Z]{2}$'),
  blood_type             text CHECK (blood_type IN ('O+', 'O-', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-')),
  -- 13: old 9-digit identity card (CMND) number.
  old_id_number          text CHECK (old_id_number ~ '^[0-9]{9}$'),
  -- 14: identity card; its number is the personal ID. NULL expiry with an issue date: valid for life.
  card_issued_on         date,
  card_issued_by         text,
  card_expires_on        date,
  -- 15: relatives. The ID is set when the relative is in this database; the name always.
  father_id              text,
  father_name            text,
  mother_id              text,
  mother_name            text,
  spouse_id              text,
  spouse_name            text,
  representative_id      text,
  representative_name    text,
  -- 16, 17, 18: residences on 2025 wards.
  permanent_ward_code    text NOT NULL CHECK (permanent_ward_code ~ '^[0-9]{5}$'),
  permanent_address      text NOT NULL,
  temporary_ward_code    text CHECK (temporary_ward_code ~ '^[0-9]{5}$'),
  temporary_address      text,
  temporary_since        date,
  current_ward_code      text NOT NULL CHECK (current_ward_code ~ '^[0-9]{5}$'),
  current_address        text NOT NULL,
  -- 19: temporary absence (tạm vắng).
  temporary_absence_since  date,
  temporary_absence_reason text,
  -- 20, 21
  residence_file_number  text NOT NULL,
  marital_status         text NOT NULL CHECK (marital_status IN ('single', 'married', 'divorced', 'widowed')),
  married_on             date,
  -- 22, 23: living citizens belong to a household; the deceased no longer do.
  household_id           text REFERENCES households (household_id),
  relationship_to_head   text CHECK (relationship_to_head IN ('head', 'spouse', 'child', 'child_in_law', 'father', 'mother', 'grandchild')),
  -- 24
  date_of_death          date,
  date_of_disappearance  date,
  -- 25
  phone                  text CHECK (phone ~ '^0[0-9]{9}$'),
  email                  text,
  CHECK ((household_id IS NULL) = (relationship_to_head IS NULL)),
  CHECK (date_of_death IS NULL OR date_of_death >= date_of_birth),
  CHECK (card_expires_on IS NULL OR card_issued_on IS NOT NULL),
  CONSTRAINT citizens_father_fk FOREIGN KEY (father_id) REFERENCES citizens (personal_id),
  CONSTRAINT citizens_mother_fk FOREIGN KEY (mother_id) REFERENCES citizens (personal_id),
  CONSTRAINT citizens_spouse_fk FOREIGN KEY (spouse_id) REFERENCES citizens (personal_id),
  CONSTRAINT citizens_representative_fk FOREIGN KEY (representative_id) REFERENCES citizens (personal_id)
);
CREATE INDEX citizens_household ON citizens (household_id) WHERE household_id IS NOT NULL;
-- Children and represented persons are found through these (field 15).
CREATE INDEX citizens_father ON citizens (father_id) WHERE father_id IS NOT NULL;
CREATE INDEX citizens_mother ON citizens (mother_id) WHERE mother_id IS NOT NULL;
CREATE INDEX citizens_representative ON citizens (representative_id) WHERE representative_id IS NOT NULL;

-- Change feed: births, deaths, moves and marriages, in the order they were recorded. Readers page
-- by seq. Today the seeder is the only writer (one COPY at a time). A writer added later that can
-- run concurrently must serialise its inserts (e.g. a transaction-scoped advisory lock), or a row
-- committed late with a lower seq could be skipped by a cursor already past it.
CREATE TABLE citizen_changes (
  seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('birth', 'death', 'move', 'marriage')),
  personal_id  text NOT NULL REFERENCES citizens (personal_id),
  occurred_on  date NOT NULL,
  recorded_at  timestamptz NOT NULL,
  details      jsonb NOT NULL DEFAULT '{}'
);

-- Identifiers and documents that sectoral systems link to a citizen (VNeID level 2 integrates
-- e.g. the driving licence and health insurance card). One current document per type.
CREATE TABLE citizen_documents (
  personal_id  text NOT NULL REFERENCES citizens (personal_id),
  doc_type     text NOT NULL CHECK (doc_type IN ('social_insurance_number', 'tax_code', 'driving_licence', 'health_insurance_card', 'vehicle_registration', 'passport')),
  number       text NOT NULL,
  issued_by    text,
  issued_on    date,
  expires_on   date,
  recorded_at  timestamptz NOT NULL,
  PRIMARY KEY (personal_id, doc_type)
);

-- One row per seeding run: which synthetic population this database holds, so reference systems
-- can derive their own records for the same people from the same seed.
CREATE TABLE npdb_seed_runs (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  seed         text NOT NULL,
  people       bigint NOT NULL,
  households   bigint NOT NULL,
  as_of        date NOT NULL,
  started_at   timestamptz NOT NULL,
  finished_at  timestamptz NOT NULL
);

-- Keys and indexes a bulk load dropped, kept here until they are recreated, so that a load
-- interrupted by a crash is detected and repaired at the next start instead of leaving the
-- tables without their keys.
CREATE TABLE npdb_deferred_ddl (
  ord         integer PRIMARY KEY,
  table_name  text NOT NULL,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('primary', 'unique', 'index', 'foreign')),
  definition  text NOT NULL
);
