-- Reference national land database (II.4, Cơ sở dữ liệu quốc gia về đất đai): land parcels on the
-- cadastral map and the land use right certificates (giấy chứng nhận quyền sử dụng đất) issued
-- for them, with the holder identified by personal ID (Land Law 2024).

CREATE TABLE land_parcels (
  parcel_id         text PRIMARY KEY,
  ward_code         text NOT NULL CHECK (ward_code ~ '^[0-9]{5}$'),
  map_sheet         integer NOT NULL CHECK (map_sheet > 0),
  parcel_number     integer NOT NULL CHECK (parcel_number > 0),
  area_m2           numeric(12, 1) NOT NULL CHECK (area_m2 > 0),
  -- Land use codes of the Land Law's classification: ODT urban residential, ONT rural residential,
  -- LUC rice, CLN perennial crops.
  land_use_purpose  text NOT NULL CHECK (land_use_purpose IN ('ODT', 'ONT', 'LUC', 'CLN')),
  use_term          text NOT NULL
);

CREATE TABLE land_certificates (
  certificate_serial   text PRIMARY KEY CHECK (certificate_serial ~ '^[A-Z]{2} [0-9]{6}$'),
  parcel_id            text NOT NULL REFERENCES land_parcels (parcel_id),
  holder_personal_id   text NOT NULL CHECK (holder_personal_id ~ '^[0-9]{12}$'),
  holder_name          text NOT NULL,
  issued_on            date NOT NULL,
  issued_by            text NOT NULL,
  registration_book_no text NOT NULL
);
CREATE INDEX land_certificates_holder ON land_certificates (holder_personal_id);
