-- Reference agriculture and rural development database (II.18): farm households with what they
-- grow and raise, and the support programmes they receive, Ministry of Agriculture and Rural
-- Development.

CREATE TABLE farm_households (
  farm_id               text PRIMARY KEY,
  head_personal_id      text NOT NULL UNIQUE CHECK (head_personal_id ~ '^[0-9]{12}$'),
  head_name             text NOT NULL,
  ward_code             text NOT NULL CHECK (ward_code ~ '^[0-9]{5}$'),
  cultivated_area_m2    integer NOT NULL CHECK (cultivated_area_m2 >= 0),
  main_crop             text NOT NULL,
  livestock_heads       integer NOT NULL CHECK (livestock_heads >= 0),
  support_programme     text,
  registered_on         date NOT NULL
);
