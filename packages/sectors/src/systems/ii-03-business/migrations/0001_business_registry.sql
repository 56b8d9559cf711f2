-- Reference national business registration database (II.3, Cơ sở dữ liệu quốc gia về đăng ký
-- doanh nghiệp): enterprises with their 10-digit enterprise code (which is also their tax code,
-- Law on Enterprises 2020 Art. 29) and their legal representatives, identified by personal ID.

CREATE TABLE enterprises (
  enterprise_code     text PRIMARY KEY CHECK (enterprise_code ~ '^[0-9]{10}$'),
  name                text NOT NULL,
  legal_form          text NOT NULL CHECK (legal_form IN ('single_member_llc', 'multi_member_llc', 'joint_stock', 'private_enterprise')),
  registered_on       date NOT NULL,
  status              text NOT NULL CHECK (status IN ('operating', 'suspended', 'dissolved')),
  province_code       text NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
  head_office         text NOT NULL,
  charter_capital_vnd bigint NOT NULL CHECK (charter_capital_vnd > 0)
);

CREATE TABLE legal_representatives (
  enterprise_code  text NOT NULL REFERENCES enterprises (enterprise_code),
  personal_id      text NOT NULL CHECK (personal_id ~ '^[0-9]{12}$'),
  full_name        text NOT NULL,
  position         text NOT NULL,
  PRIMARY KEY (enterprise_code, personal_id)
);
CREATE INDEX legal_representatives_person ON legal_representatives (personal_id);
