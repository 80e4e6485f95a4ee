export const m002Terminals = /* sql */ `
CREATE TABLE terminals (
  id          TEXT PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions(id),
  title       TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('running','exited')),
  exit_code   INTEGER,
  exit_reason TEXT,
  cols        INTEGER NOT NULL,
  rows        INTEGER NOT NULL,
  position    INTEGER NOT NULL,
  -- The tail of the output, saved so tabs come back with their scrollback after a restart.
  scrollback  TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  closed_at   TEXT
);
CREATE INDEX terminals_session ON terminals (session_id) WHERE closed_at IS NULL;
`;
