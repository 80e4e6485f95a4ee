export const m006Ports = /* sql */ `
-- Port forwards of a session: one row per sandbox port the user forwarded (wanted) or marked to
-- be forwarded whenever it listens (always_forward). local_port is the port it last had on the
-- user's machine, taken again when the forward comes back after a stop or a restart.
CREATE TABLE port_forwards (
  session_id     TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  port           INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
  wanted         INTEGER NOT NULL DEFAULT 0,
  always_forward INTEGER NOT NULL DEFAULT 0,
  local_port     INTEGER CHECK (local_port BETWEEN 1 AND 65535),
  updated_at     TEXT NOT NULL,
  PRIMARY KEY (session_id, port)
) WITHOUT ROWID;
`;
