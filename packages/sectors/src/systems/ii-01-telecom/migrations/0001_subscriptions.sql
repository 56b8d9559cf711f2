-- Reference telecom subscriber database (II.1, Cơ sở dữ liệu thông tin thuê bao): mobile
-- subscriptions with the identity data the subscriber registered. Matching these against the
-- NPDB on personal ID, name and date of birth is how ~4 million SIMs with wrong data were found
-- (Decree 163/2024/NĐ-CP requires subscriber data to be verified against the NPDB).

CREATE TABLE subscriptions (
  subscription_id    text PRIMARY KEY,
  msisdn             text NOT NULL CHECK (msisdn ~ '^0[0-9]{9}$'),
  carrier            text NOT NULL,
  subscription_type  text NOT NULL CHECK (subscription_type IN ('prepaid', 'postpaid')),
  personal_id        text NOT NULL CHECK (personal_id ~ '^[0-9]{12}$'),
  -- As registered at the point of sale: may differ from the NPDB (typos, no diacritics).
  registered_name    text NOT NULL,
  registered_dob     date NOT NULL,
  activated_on       date NOT NULL,
  status             text NOT NULL CHECK (status IN ('active', 'suspended_one_way', 'suspended'))
);
CREATE INDEX subscriptions_personal_id ON subscriptions (personal_id);
CREATE INDEX subscriptions_msisdn ON subscriptions (msisdn);
