-- Reference education and training database (II.15, Cơ sở dữ liệu về giáo dục và đào tạo),
-- Ministry of Education and Training: current enrolments and diplomas awarded.

CREATE TABLE enrolments (
  student_code   text PRIMARY KEY,
  personal_id    text NOT NULL CHECK (personal_id ~ '^[0-9]{12}$'),
  institution    text NOT NULL,
  level          text NOT NULL CHECK (level IN ('primary', 'lower_secondary', 'upper_secondary', 'university')),
  grade          text NOT NULL,
  enrolled_on    date NOT NULL
);
CREATE INDEX enrolments_person ON enrolments (personal_id);

CREATE TABLE diplomas (
  diploma_no      text PRIMARY KEY,
  personal_id     text NOT NULL CHECK (personal_id ~ '^[0-9]{12}$'),
  full_name       text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('upper_secondary', 'bachelor', 'master', 'doctor')),
  institution     text NOT NULL,
  major           text,
  graduated_on    date NOT NULL,
  classification  text
);
CREATE INDEX diplomas_person ON diplomas (personal_id);
