-- Reference national databases on complaints and denunciations, anti-corruption, and asset and
-- income control (II.6), Government Inspectorate (Thanh tra Chính phủ): petitions filed by
-- citizens, and asset and income declarations of officials (Law on Anti-corruption 2018, Art. 33-36).

CREATE TABLE petitions (
  petition_no           text PRIMARY KEY,
  petitioner_personal_id text NOT NULL CHECK (petitioner_personal_id ~ '^[0-9]{12}$'),
  kind                  text NOT NULL CHECK (kind IN ('complaint', 'denunciation', 'recommendation')),
  received_on           date NOT NULL,
  handling_agency       text NOT NULL,
  status                text NOT NULL CHECK (status IN ('received', 'handling', 'resolved'))
);
CREATE INDEX petitions_petitioner ON petitions (petitioner_personal_id);

CREATE TABLE asset_declarations (
  declaration_id        text PRIMARY KEY,
  declarant_personal_id text NOT NULL CHECK (declarant_personal_id ~ '^[0-9]{12}$'),
  declaration_year      integer NOT NULL,
  kind                  text NOT NULL CHECK (kind IN ('first', 'annual', 'supplementary', 'appointment')),
  controlling_agency    text NOT NULL,
  submitted_on          date NOT NULL,
  -- Values stay with the controlling agency; the database records that a declaration exists.
  published_at_workplace boolean NOT NULL
);
CREATE INDEX asset_declarations_declarant ON asset_declarations (declarant_personal_id, declaration_year);
