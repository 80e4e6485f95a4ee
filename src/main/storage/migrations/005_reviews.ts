export const m005Reviews = /* sql */ `
-- The text of a file side as a comment was made on it, by its sha256: comments on the same
-- version of a file share one row. Re-anchoring diffs it with the file as it is now.
CREATE TABLE review_snapshots (
  sha     TEXT PRIMARY KEY,
  content TEXT NOT NULL
) WITHOUT ROWID;

-- Review comments: one row per comment on a line range of one side of a file's diff. The anchor
-- (commit, path, side, lines, their text and context, and the snapshot of the whole side it was
-- made on) never changes; the position is where its lines were last found.
CREATE TABLE review_comments (
  id              TEXT PRIMARY KEY,
  session_id      TEXT NOT NULL REFERENCES sessions(id),
  repository      TEXT NOT NULL,
  anchor_commit   TEXT,
  anchor_path     TEXT NOT NULL,
  side            TEXT NOT NULL CHECK (side IN ('base','work')),
  start_line      INTEGER NOT NULL,
  end_line        INTEGER NOT NULL,
  anchor_json     TEXT NOT NULL,
  snapshot_sha    TEXT NOT NULL REFERENCES review_snapshots(sha),
  position_path   TEXT NOT NULL,
  position_start  INTEGER NOT NULL,
  position_end    INTEGER NOT NULL,
  position_status TEXT NOT NULL,
  body            TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sent')),
  resolved        INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  sent_at         TEXT
);
CREATE INDEX review_comments_session ON review_comments (session_id, repository, created_at);

-- The review comments a queued message carries (the text given to the model, and counts).
ALTER TABLE agent_queue ADD COLUMN review_json TEXT;
`;
