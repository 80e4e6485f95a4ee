import { z } from 'zod';

export type SessionStatus = 'creating' | 'running' | 'stopped' | 'error' | 'deleted';

/** Where a session is while it is being created; shown as progress in the UI. */
export type SessionPhase = 'queued' | 'image' | 'container' | 'starting';

export interface SessionProgress {
  phase: SessionPhase;
  /** One human line, e.g. `Building sandbox image (step 3/7)`. */
  message: string;
  /** 0..1 when it can be known, otherwise absent. */
  fraction?: number;
}

export interface Session {
  id: string;
  name: string;
  status: SessionStatus;
  /** Why the session is in error (or stopped by something outside Berth). */
  statusDetail?: string;
  engineId: string;
  /** The sandbox image the container was made from. */
  image?: string;
  containerId?: string;
  /** Set while status is `creating`. */
  progress?: SessionProgress;
  createdAt: string;
  updatedAt: string;
}

/** Session names are what the user types: trimmed, 1–64 characters, no control characters. */
export const sessionNameSchema = z
  .string({ error: 'name must be a string' })
  .trim()
  .min(1, 'name must not be empty')
  .max(64, 'name must be at most 64 characters')
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'name must not contain control characters');

export const sessionIdSchema = z.string().min(1, 'id must not be empty').max(64, 'id is too long');

const byId = z.object({ id: sessionIdSchema }).strict();

export const sessionsInput = {
  list: z.object({ includeDeleted: z.boolean().optional() }).strict(),
  get: byId,
  create: z.object({ name: sessionNameSchema }).strict(),
  start: byId,
  stop: byId,
  delete: byId,
  buildLog: byId,
};

export interface BuildLog {
  /** The image the log is for. */
  image: string;
  /** The whole build output so far, oldest first (bounded to the last 1 MB). */
  text: string;
  done: boolean;
}

export interface SessionsApi {
  /** Sessions, newest first. Deleted sessions are hidden unless `includeDeleted`. */
  list(input: z.infer<typeof sessionsInput.list>): Promise<Session[]>;
  /** One session by id; `not_found` if there is none. */
  get(input: z.infer<typeof sessionsInput.get>): Promise<Session>;
  /**
   * Creates a session and returns it at once in `creating`; the sandbox is made in the
   * background (building the image on first use) with progress in `sessions.changed` events.
   * `conflict` when another live session has the same name (case-insensitive).
   */
  create(input: z.infer<typeof sessionsInput.create>): Promise<Session>;
  /** Starts a stopped (or errored) session's sandbox; its disk is as it was left. */
  start(input: z.infer<typeof sessionsInput.start>): Promise<Session>;
  /** Stops the sandbox; files stay. Open terminals end. */
  stop(input: z.infer<typeof sessionsInput.stop>): Promise<Session>;
  /**
   * Removes the sandbox container and its workspace volume, cancelling creation if it is still
   * running. The record stays, in status `deleted`, for audit.
   */
  delete(input: z.infer<typeof sessionsInput.delete>): Promise<Session>;
  /** The sandbox image build output for this session (the first build can take minutes). */
  buildLog(input: z.infer<typeof sessionsInput.buildLog>): Promise<BuildLog>;
}

export interface SessionsEvents {
  /** A session was created or changed status, progress or name. */
  changed: Session;
  /** A line of sandbox image build output; topic is the session id. */
  buildOutput: { sessionId: string; image: string; text: string };
}
