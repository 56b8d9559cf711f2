-- Reference national science and technology database (II.7): researchers and the research
-- projects they chair, Ministry of Science and Technology (Bộ Khoa học và Công nghệ).

CREATE TABLE researchers (
  researcher_id    text PRIMARY KEY CHECK (researcher_id ~ '^NKH[0-9]{7}$'),
  personal_id      text NOT NULL UNIQUE CHECK (personal_id ~ '^[0-9]{12}$'),
  full_name        text NOT NULL,
  highest_degree   text NOT NULL CHECK (highest_degree IN ('bachelor', 'master', 'doctor')),
  academic_title   text CHECK (academic_title IN ('associate_professor', 'professor')),
  field            text NOT NULL,
  organisation     text NOT NULL
);

CREATE TABLE research_projects (
  project_code      text PRIMARY KEY,
  chair_personal_id text NOT NULL REFERENCES researchers (personal_id),
  title             text NOT NULL,
  level             text NOT NULL CHECK (level IN ('national', 'ministerial', 'provincial', 'institutional')),
  start_year        integer NOT NULL,
  end_year          integer NOT NULL CHECK (end_year >= start_year),
  status            text NOT NULL CHECK (status IN ('ongoing', 'accepted', 'cancelled'))
);
