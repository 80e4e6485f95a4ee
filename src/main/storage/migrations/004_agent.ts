export const m004Agent = /* sql */ `
-- Model providers the user added. API keys are not here: they live in the credential store.
CREATE TABLE model_providers (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('openai-compatible','anthropic','openai','mistral')),
  name        TEXT NOT NULL,
  base_url    TEXT NOT NULL,
  models_json TEXT NOT NULL DEFAULT '[]',
  checked_at  TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX model_providers_name ON model_providers (lower(name));

-- One agent per session: its settings and where its loop is. Counters for the running turn are
-- kept here because the AI SDK's own step count restarts on every call.
CREATE TABLE agents (
  session_id        TEXT PRIMARY KEY REFERENCES sessions(id),
  status            TEXT NOT NULL DEFAULT 'idle',
  status_detail     TEXT,
  provider_id       TEXT,
  model_id          TEXT,
  reasoning         TEXT NOT NULL DEFAULT 'medium',
  mode              TEXT NOT NULL DEFAULT 'auto' CHECK (mode IN ('ask','auto','read-only')),
  limits_json       TEXT NOT NULL,
  plan_json         TEXT NOT NULL DEFAULT '[]',
  touched_json      TEXT NOT NULL DEFAULT '[]',
  -- The instructions sent to the model, snapshotted so a resumed turn sends the same text.
  instructions_text TEXT,
  instructions_json TEXT,
  turn              INTEGER NOT NULL DEFAULT 0,
  turn_started_at   TEXT,
  turn_steps        INTEGER NOT NULL DEFAULT 0,
  turn_tokens       INTEGER NOT NULL DEFAULT 0,
  input_tokens      INTEGER NOT NULL DEFAULT 0,
  output_tokens     INTEGER NOT NULL DEFAULT 0,
  updated_at        TEXT NOT NULL
);

-- The model transcript (AI SDK ModelMessages). Compaction rewrites it; the activity log below
-- is never rewritten.
CREATE TABLE agent_messages (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  seq        INTEGER NOT NULL,
  json       TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;

-- The activity log: the audit record of everything the agent and the user did.
CREATE TABLE activity (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  seq        INTEGER NOT NULL,
  turn       INTEGER NOT NULL,
  at         TEXT NOT NULL,
  kind       TEXT NOT NULL,
  data       TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER activity_append_only_update BEFORE UPDATE ON activity
BEGIN SELECT RAISE(ABORT, 'the activity log is append-only'); END;
CREATE TRIGGER activity_append_only_delete BEFORE DELETE ON activity
BEGIN SELECT RAISE(ABORT, 'the activity log is append-only'); END;

-- Approvals and questions waiting for the user; they survive a restart.
CREATE TABLE agent_pending (
  session_id   TEXT NOT NULL REFERENCES sessions(id),
  tool_call_id TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('approval','question')),
  json         TEXT NOT NULL,
  -- The decision or answer once given, until the step goes on.
  resolution   TEXT,
  PRIMARY KEY (session_id, tool_call_id)
);

-- Messages written while a turn runs, sent in order when it ends.
CREATE TABLE agent_queue (
  id               TEXT PRIMARY KEY,
  session_id       TEXT NOT NULL REFERENCES sessions(id),
  position         INTEGER NOT NULL,
  text             TEXT NOT NULL,
  attachments_json TEXT NOT NULL DEFAULT '[]',
  created_at       TEXT NOT NULL
);
CREATE INDEX agent_queue_session ON agent_queue (session_id, position);

-- The user's approval rules for a session.
CREATE TABLE agent_rules (
  id         TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  tool       TEXT NOT NULL,
  pattern    TEXT NOT NULL,
  decision   TEXT NOT NULL CHECK (decision IN ('allow','ask','deny')),
  created_at TEXT NOT NULL
);
CREATE INDEX agent_rules_session ON agent_rules (session_id);
`;
