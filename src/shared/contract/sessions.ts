import { z } from 'zod';
import { projectIdSchema } from './projects';
import type { SessionRepository } from './repositories';

export type SessionStatus = 'creating' | 'running' | 'stopped' | 'error' | 'deleted';

/** Where a session is while it is being created; shown as progress in the UI. */
export type SessionPhase = 'queued' | 'image' | 'container' | 'starting' | 'repositories';

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
  /** The project the session was made from (absent for an empty sandbox or a deleted project). */
  projectId?: string;
  /** What the user asked for when creating the session; the agent starts from it. */
  task?: string;
  /** The session branch every repository is on, e.g. `berth/fix-login`. */
  branch?: string;
  /** The repository new terminals (and the agent) start in; absent without repositories. */
  primaryRepository?: string;
  /** The repositories checked out in the sandbox, in the project's order. */
  repositories: SessionRepository[];
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
  create: z
    .object({
      name: sessionNameSchema,
      projectId: projectIdSchema.optional(),
      /** The project's repositories to check out (all when absent), each optionally on another base. */
      repositories: z
        .array(
          z
            .object({
              id: z.string().min(1).max(64),
              baseBranch: z.string().trim().min(1).max(200).optional(),
            })
            .strict(),
        )
        .max(16)
        .optional(),
      /** Directory name of the primary repository; the first one when absent. */
      primaryRepository: z.string().min(1).max(64).optional(),
      /** The session branch; `berth/<session-slug>` when absent. */
      branch: z.string().trim().min(1).max(200).optional(),
      task: z.string().max(65_536, 'task must be at most 64 KiB').optional(),
    })
    .strict(),
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
   * `conflict` when another live session has the same name (case-insensitive), or when the
   * session branch already exists in one of the repositories (`data.suggestion` has a free name).
   * With a project, each chosen repository is then checked out in `/workspace/<name>` on the
   * session branch, made from its base branch; progress shows each repository's objects.
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
