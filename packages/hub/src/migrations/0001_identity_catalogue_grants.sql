-- Hub control-plane schema: members, subsystems and their keys, the hub's own signing keys,
-- control-plane users, the service catalogue, and grants with their history.
-- Every change to these tables is followed by NOTIFY ndxp_hub_changed so that every hub process
-- refreshes its in-memory state (the data plane never reads these tables on the hot path).

CREATE TABLE members (
  code        text PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9.]{1,31}$'),
  name        text NOT NULL,
  name_en     text,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A subsystem is one system of a member, identified as 'member/subsystem'.
CREATE TABLE subsystems (
  id           text PRIMARY KEY,
  member_code  text NOT NULL REFERENCES members(code),
  code         text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name         text NOT NULL,
  -- Base URL the hub forwards to when this subsystem provides services; NULL for consumers only.
  base_url     text,
  status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (member_code, code),
  CHECK (id = member_code || '/' || code)
);

-- Public keys a subsystem signs its client assertions with (RFC 7523). Several may be valid at
-- once: rotation registers the new key, overlaps, then sets not_after on the old one.
CREATE TABLE subsystem_keys (
  kid           text PRIMARY KEY,
  subsystem_id  text NOT NULL REFERENCES subsystems(id),
  alg           text NOT NULL CHECK (alg IN ('ES256', 'EdDSA', 'RS256', 'PS256')),
  public_jwk    jsonb NOT NULL,
  not_before    timestamptz NOT NULL DEFAULT now(),
  not_after     timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subsystem_keys_subsystem ON subsystem_keys (subsystem_id);

-- The hub's own signing keys (access tokens, hub assertions). Rotated; retired keys stay
-- published in the JWKS until every token they signed has expired.
CREATE TABLE hub_signing_keys (
  kid           text PRIMARY KEY,
  alg           text NOT NULL,
  public_jwk    jsonb NOT NULL,
  -- Private JWK, encrypted at rest (AES-256-GCM under the configured key-encryption key).
  private_jwk_enc text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  retired_at    timestamptz
);

-- Replay protection for client assertions: a (issuer, jti) pair is accepted once until it expires.
CREATE TABLE client_assertion_jtis (
  client_id   text NOT NULL,
  jti         text NOT NULL,
  expires_at  timestamptz NOT NULL,
  PRIMARY KEY (client_id, jti)
);
CREATE INDEX client_assertion_jtis_expiry ON client_assertion_jtis (expires_at);

CREATE TABLE users (
  username       text PRIMARY KEY CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name   text NOT NULL,
  role           text NOT NULL CHECK (role IN ('operator', 'provider_admin', 'consumer_admin')),
  -- Provider and consumer admins act for one member; operators for the whole hub.
  member_code    text REFERENCES members(code),
  password_hash  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'operator') = (member_code IS NULL))
);

-- Failed-login throttling per username (OWASP Authentication Cheat Sheet: account lockout with
-- backoff). Keyed by the name that was tried, whether or not such a user exists, so that the
-- throttle itself does not reveal which usernames exist.
CREATE TABLE login_throttle (
  username         text PRIMARY KEY,
  failures         integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  locked_until     timestamptz,
  last_failure_at  timestamptz NOT NULL
);

-- The service catalogue: member/subsystem/service/version.
CREATE TABLE services (
  id                 text PRIMARY KEY,
  subsystem_id       text NOT NULL REFERENCES subsystems(id),
  code               text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  version            text NOT NULL CHECK (version ~ '^v[0-9]+$'),
  title              text NOT NULL,
  title_en           text,
  description        text,
  openapi            jsonb NOT NULL,
  -- JSON pointers into the response body that this service can return.
  fields             text[] NOT NULL,
  data_class         text NOT NULL CHECK (data_class IN ('open', 'shared', 'private')),
  -- Where the data subject's personal ID sits in a request, e.g.
  -- {"in":"path","name":"personal_id"} or {"in":"body","pointer":"/personal_id"}.
  subject_locator    jsonb,
  legal_bases        text[] NOT NULL DEFAULT '{}',
  timeout_ms         integer NOT NULL DEFAULT 5000 CHECK (timeout_ms BETWEEN 100 AND 60000),
  max_request_bytes  integer NOT NULL DEFAULT 65536 CHECK (max_request_bytes BETWEEN 0 AND 10485760),
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deprecated', 'disabled')),
  -- Lower-case, diacritic-free text of id, titles and description, for catalogue search
  -- (written by the hub, see control/services/search-text.ts).
  search_text        text NOT NULL DEFAULT '',
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subsystem_id, code, version),
  CHECK (id = subsystem_id || '/' || code || '/' || version)
);

-- A grant: consumer subsystem × service × fields × purposes × legal basis × validity × quota.
CREATE TABLE grants (
  id                uuid PRIMARY KEY,
  consumer_id       text NOT NULL REFERENCES subsystems(id),
  service_id        text NOT NULL REFERENCES services(id),
  fields            text[] NOT NULL,
  purposes          text[] NOT NULL CHECK (cardinality(purposes) > 0),
  legal_basis       text NOT NULL,
  valid_from        timestamptz NOT NULL,
  valid_until       timestamptz NOT NULL,
  quota_per_minute  integer NOT NULL CHECK (quota_per_minute > 0),
  state             text NOT NULL CHECK (state IN ('requested', 'approved', 'active', 'rejected', 'revoked')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until > valid_from)
);
CREATE INDEX grants_consumer_service ON grants (consumer_id, service_id);
CREATE INDEX grants_state ON grants (state);
CREATE INDEX grants_service ON grants (service_id);

-- Every lifecycle step with who did it and when.
CREATE TABLE grant_events (
  id          bigserial PRIMARY KEY,
  grant_id    uuid NOT NULL REFERENCES grants(id),
  action      text NOT NULL CHECK (action IN ('request', 'approve', 'reject', 'activate', 'revoke')),
  actor       text NOT NULL,
  actor_role  text NOT NULL,
  note        text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grant_events_grant ON grant_events (grant_id, id);
