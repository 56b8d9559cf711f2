-- Reference database of cadres, civil servants and public employees (II.8, CSDL về cán bộ, công
-- chức, viên chức), Ministry of Home Affairs (Bộ Nội vụ).

CREATE TABLE officials (
  official_code   text PRIMARY KEY CHECK (official_code ~ '^CB[0-9]{8}$'),
  personal_id     text NOT NULL UNIQUE CHECK (personal_id ~ '^[0-9]{12}$'),
  full_name       text NOT NULL,
  category        text NOT NULL CHECK (category IN ('cadre', 'civil_servant', 'public_employee')),
  agency          text NOT NULL,
  position        text NOT NULL,
  -- Civil service rank code (mã ngạch), e.g. 01.003 chuyên viên.
  rank_code       text NOT NULL,
  started_on      date NOT NULL,
  status          text NOT NULL CHECK (status IN ('serving', 'on_leave', 'retired'))
);
