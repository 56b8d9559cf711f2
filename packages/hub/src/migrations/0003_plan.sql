-- The action plan of Decision 47/QĐ-BTTTT (2022) as data, and the exchanges that implement it.
-- Item status is never stored: it is computed from these links, the catalogue, the grants and
-- the audit log (plan/compute-item-status.ts), so it cannot be set by hand.

-- The 29 items, upserted from plan/action-plan.json at every start (the JSON is the source).
CREATE TABLE plan_items (
  id            text PRIMARY KEY CHECK (id ~ '^(I|II|III|IV)\.[0-9]{1,2}$'),
  section       text NOT NULL CHECK (section IN ('institutions', 'connections', 'public-services', 'coordination')),
  position      integer NOT NULL,
  title_vi      text NOT NULL,
  title_en      text NOT NULL,
  lead          text NOT NULL,
  -- 'YYYY-MM' (due by the end of that month) or 'ongoing'.
  deadline      text NOT NULL CHECK (deadline ~ '^([0-9]{4}-[0-9]{2}|ongoing)$'),
  item          jsonb NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- A (consumer subsystem, service) pair that implements an item. `role` says which way the data
-- flows relative to the sectoral system: 'consumes' (it calls an NPDB service) or 'provides'
-- (its own service is called, by the NPDB side or a portal).
CREATE TABLE plan_links (
  item_id      text NOT NULL REFERENCES plan_items(id),
  role         text NOT NULL CHECK (role IN ('consumes', 'provides')),
  service_id   text NOT NULL REFERENCES services(id),
  consumer_id  text NOT NULL REFERENCES subsystems(id),
  note         text,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (item_id, role, service_id, consumer_id)
);
CREATE INDEX plan_links_pair ON plan_links (consumer_id, service_id);

-- The plan reads the audit log by time for one service at a time.
CREATE INDEX audit_log_service_at ON audit_log (service_id, at);
