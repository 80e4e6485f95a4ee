import { z } from 'zod';
import { projectIdSchema } from './projects';
import type { SessionRepository } from './repositories';

/**
 * `connecting`: the session was running when the link to its engine dropped; Berth reconnects
 * by itself and the session comes back as it was (terminals reattach, forwards return).
 */
export type SessionStatus = 'creating' | 'running' | 'connecting' | 'stopped' | 'error' | 'deleted';

/** Whose workbench owns a sandbox, from its labels. Advisory: Docker has no per-user rights. */
export interface SessionOwner {
  /** The owner's name (git identity, else user@host). */
  name: string;
  /** The owning workbench's stable id. */
  workbenchId: string;
}

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
  /** The engine the sandbox runs on (`local` or a remote engine's id). */
  engineId: string;
  /**
   * Set when this is a teammate's session attached from a shared engine: read-only here (its
   * activity log, changes, ports and terminals of one's own); only the owner runs the agent.
   */
  teammate?: SessionOwner;
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

/** Stop and delete: a teammate's session needs its owner's name typed back as confirmation. */
const ownerConfirmed = z
  .object({ id: sessionIdSchema, confirmOwner: z.string().max(200).optional() })
  .strict();

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
      /** The engine to run the sandbox on; the last used one when absent. */
      engineId: z.string().min(1).max(64).optional(),
    })
    .strict(),
  start: byId,
  stop: ownerConfirmed,
  delete: ownerConfirmed,
  buildLog: byId,
  /** Teammates' sessions on one engine (every connected engine when absent). */
  shared: z.object({ engineId: z.string().min(1).max(64).optional() }).strict(),
  attach: z.object({ engineId: z.string().min(1).max(64), sessionId: sessionIdSchema }).strict(),
  /** Forgets an attached teammate's session here; its sandbox is not touched. */
  detach: byId,
};

/** A teammate's session found on a shared engine. */
export interface SharedSession {
  engineId: string;
  sessionId: string;
  name: string;
  owner: SessionOwner;
  /** The sandbox's state on the engine. */
  status: 'running' | 'stopped';
  branch?: string;
  createdAt: string;
  /** Already attached in this workbench. */
  attached: boolean;
}

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
  /**
   * Teammates' sessions on shared engines: sandboxes labelled by another workbench (owner,
   * name, status, branch). This workbench's own sessions are not listed.
   */
  shared(input: z.infer<typeof sessionsInput.shared>): Promise<SharedSession[]>;
  /**
   * Opens a teammate's session here, read-only: it appears in the session list with `teammate`
   * set. `not_found` when the engine has no such sandbox.
   */
  attach(input: z.infer<typeof sessionsInput.attach>): Promise<Session>;
  /** Forgets an attached teammate's session here (status `deleted`); its sandbox stays. */
  detach(input: z.infer<typeof sessionsInput.detach>): Promise<Session>;
  /** Starts a stopped (or errored) session's sandbox; its disk is as it was left. */
  start(input: z.infer<typeof sessionsInput.start>): Promise<Session>;
  /**
   * Stops the sandbox; files stay. Open terminals end. For a teammate's session `confirmOwner`
   * must be the owner's name (`permission_denied` otherwise).
   */
  stop(input: z.infer<typeof sessionsInput.stop>): Promise<Session>;
  /**
   * Removes the sandbox container and its workspace volume, cancelling creation if it is still
   * running. The record stays, in status `deleted`, for audit. For a teammate's session
   * `confirmOwner` must be the owner's name (`permission_denied` otherwise).
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
  /** Teammates' sessions on this engine changed (one appeared, stopped, went away): list again. */
  sharedChanged: { engineId: string };
}
