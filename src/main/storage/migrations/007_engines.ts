export const m007Engines = /* sql */ `
-- Remote Docker engines the user added (the local engine is not stored: it is always there).
-- host_key_* is the SSH host key the user accepted on first connection (trust on first use);
-- a host whose key is in ~/.ssh/known_hosts needs none.
CREATE TABLE engines (
  id                   TEXT PRIMARY KEY,
  name                 TEXT NOT NULL,
  kind                 TEXT NOT NULL CHECK (kind IN ('ssh','tls')),
  address              TEXT NOT NULL UNIQUE,
  identity_file        TEXT,
  socket_path          TEXT,
  tls_ca               TEXT,
  tls_cert             TEXT,
  tls_key              TEXT,
  host_key_type        TEXT,
  host_key_fingerprint TEXT,
  created_at           TEXT NOT NULL
);

-- A teammate's session attached from a shared engine: whose it is. Read-only here.
ALTER TABLE sessions ADD COLUMN teammate_name TEXT;
ALTER TABLE sessions ADD COLUMN teammate_workbench TEXT;
`;
