export const m003Projects = /* sql */ `
CREATE TABLE projects (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX projects_name ON projects (lower(name));

CREATE TABLE project_repositories (
  id           TEXT PRIMARY KEY,
  project_id   TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  name         TEXT NOT NULL,
  source_kind  TEXT NOT NULL CHECK (source_kind IN ('path','url')),
  location     TEXT NOT NULL,
  base_branch  TEXT
);
CREATE UNIQUE INDEX project_repositories_name ON project_repositories (project_id, name);

-- A session keeps its own copy of its repositories, so editing or deleting the project later
-- never changes what a session works on.
ALTER TABLE sessions ADD COLUMN project_id TEXT REFERENCES projects(id) ON DELETE SET NULL;
ALTER TABLE sessions ADD COLUMN task TEXT;
ALTER TABLE sessions ADD COLUMN branch TEXT;
ALTER TABLE sessions ADD COLUMN primary_repository TEXT;

CREATE TABLE session_repositories (
  session_id    TEXT NOT NULL REFERENCES sessions(id),
  name          TEXT NOT NULL,
  position      INTEGER NOT NULL,
  source_kind   TEXT NOT NULL CHECK (source_kind IN ('path','url')),
  location      TEXT NOT NULL,
  -- The host git directory objects come from and go home to: the user's clone or Berth's mirror.
  host_gitdir   TEXT,
  base_branch   TEXT,
  base_commit   TEXT,
  seed_status   TEXT NOT NULL CHECK (seed_status IN ('pending','seeding','ready','error')),
  seed_detail   TEXT,
  warnings      TEXT NOT NULL DEFAULT '[]',
  home_commit   TEXT,
  pr_number     INTEGER,
  pr_url        TEXT,
  pr_state      TEXT,
  pr_title      TEXT,
  pr_base       TEXT,
  pr_pushed     TEXT,
  PRIMARY KEY (session_id, name)
);

-- Small settings (git identity, git hosts without their tokens) as JSON values.
CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
`;
