-- Reference national finance database (II.5, Cơ sở dữ liệu quốc gia về tài chính): payments by
-- individuals into the state budget (fees, registration fees, fines, land use levies) recorded by
-- the State Treasury, with the payer identified by personal ID.

CREATE TABLE budget_receipts (
  receipt_no          text PRIMARY KEY,
  payer_personal_id   text NOT NULL CHECK (payer_personal_id ~ '^[0-9]{12}$'),
  payer_name          text NOT NULL,
  paid_on             date NOT NULL,
  amount_vnd          bigint NOT NULL CHECK (amount_vnd > 0),
  -- Chapter/section of the state budget classification, simplified to its purpose.
  revenue_type        text NOT NULL CHECK (revenue_type IN ('registration_fee', 'administrative_fine', 'land_use_levy', 'public_service_fee')),
  treasury_office     text NOT NULL
);
CREATE INDEX budget_receipts_payer ON budget_receipts (payer_personal_id, paid_on);
