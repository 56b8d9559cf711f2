-- Reference social security (welfare) database (II.13, Cơ sở dữ liệu an sinh xã hội): people
-- receiving monthly social assistance (Decree 20/2021/NĐ-CP) or preferential allowances for people
-- with meritorious services, and where they are paid.

CREATE TABLE beneficiaries (
  beneficiary_code      text PRIMARY KEY,
  personal_id           text NOT NULL CHECK (personal_id ~ '^[0-9]{12}$'),
  full_name             text NOT NULL,
  category              text NOT NULL CHECK (category IN ('social_pension_80_plus', 'disability', 'poor_household', 'meritorious_person')),
  monthly_allowance_vnd bigint NOT NULL CHECK (monthly_allowance_vnd > 0),
  since                 date NOT NULL,
  status                text NOT NULL CHECK (status IN ('receiving', 'suspended', 'ended')),
  paying_ward           text NOT NULL CHECK (paying_ward ~ '^[0-9]{5}$')
);
CREATE INDEX beneficiaries_person ON beneficiaries (personal_id);
