export const m001Sessions = /* sql */ `
CREATE TABLE sessions (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('creating','running','stopped','error','deleted')),
  status_detail TEXT,
  engine_id     TEXT NOT NULL,
  image         TEXT,
  container_id  TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  deleted_at    TEXT
);
-- Live names are unique, case-insensitively; deleted sessions keep theirs for audit.
CREATE UNIQUE INDEX sessions_live_name ON sessions (lower(name)) WHERE status <> 'deleted';
`;
