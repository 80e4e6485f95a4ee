import { z } from 'zod';
import { sessionIdSchema } from './sessions';

/** How a file differs from the merge base, as git's name-status says it. */
export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'typechange';

/** One changed file of a repository: committed on the session branch, staged, unstaged or new. */
export interface ChangedFile {
  /** Its path now (for a deleted file, its path in the base). */
  path: string;
  /** The path it had in the base, for a rename. */
  oldPath?: string;
  status: ChangeStatus;
  /** Lines added and removed; null for a binary file. */
  additions: number | null;
  deletions: number | null;
  /** Not tracked by git yet (a new file nobody added). */
  untracked: boolean;
}

/** The changes of one repository of a session against the merge base with its base branch. */
export interface ChangeList {
  repository: string;
  /** The branch the session branch was made from; null for a repository without commits. */
  baseBranch: string | null;
  /** The merge base of the session branch with the base branch; null when there is none. */
  mergeBase: string | null;
  /** The session branch's commit; null before its first commit. */
  head: string | null;
  files: ChangedFile[];
  totals: { files: number; additions: number; deletions: number };
  /** Set when there were more changed files than the list holds (it keeps the first 5,000). */
  truncated?: boolean;
}

/**
 * One side of a file's diff. Text is UTF-8 as stored, or Latin-1 when it is not valid UTF-8
 * (`encoding` says so); every other kind is shown as a note instead of a diff.
 */
export type FileSide =
  | { kind: 'text'; text: string; encoding: 'utf-8' | 'latin1'; bytes: number }
  | { kind: 'absent' }
  | { kind: 'binary'; bytes: number }
  | { kind: 'tooLarge'; bytes: number; limit: number }
  | { kind: 'symlink'; target: string }
  | { kind: 'submodule'; commit: string };

/** Both sides of one changed file: the merge base on the left, the working tree on the right. */
export interface FileDiff {
  repository: string;
  path: string;
  oldPath?: string;
  base: FileSide;
  work: FileSide;
}

/** The side of a diff a comment is on. */
export type CommentSide = 'base' | 'work';

/** Where and on what a comment was made: enough to find its lines again after edits. */
export interface CommentAnchor {
  /** The session branch's commit when the comment was made (null before the first commit). */
  commit: string | null;
  path: string;
  side: CommentSide;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** The text of the lines, as they were. */
  lines: string[];
  /** Up to three lines before and after, as they were. */
  before: string[];
  after: string[];
}

/**
 * Where a comment's lines are now. `current`: unchanged in place; `moved`: the same lines
 * elsewhere (lines inserted above, a block moved, the file renamed); `changed`: its lines were
 * edited and it sits on what replaced them; `outdated`: its lines are gone, it is shown with
 * the text it was made on and is never moved to unrelated lines.
 */
export interface CommentPosition {
  path: string;
  startLine: number;
  endLine: number;
  status: 'current' | 'moved' | 'changed' | 'outdated';
}

/** A review comment on a line range of one side of a file's diff. */
export interface ReviewComment {
  id: string;
  sessionId: string;
  repository: string;
  anchor: CommentAnchor;
  position: CommentPosition;
  body: string;
  /** `pending` until a message carries it to the agent. */
  state: 'pending' | 'sent';
  resolved: boolean;
  createdAt: string;
  updatedAt: string;
  sentAt?: string;
}

const repositoryName = z.string().min(1, 'repository must not be empty').max(64);
// Git paths may hold any byte but NUL; a path is what git printed for it.
const filePath = z
  .string()
  .min(1, 'path must not be empty')
  .max(4096, 'path is too long')
  .refine((p) => !p.includes('\0'), 'path must not contain NUL');
const commentId = z.string().min(1).max(64);
const commentBody = z
  .string()
  .trim()
  .min(1, 'write the comment first')
  .max(16_384, 'a comment is limited to 16 KiB');
const line = z.number().int().min(1, 'lines start at 1').max(10_000_000);

export const reviewsInput = {
  changes: z.object({ sessionId: sessionIdSchema, repository: repositoryName }).strict(),
  file: z
    .object({
      sessionId: sessionIdSchema,
      repository: repositoryName,
      path: filePath,
      oldPath: filePath.optional(),
    })
    .strict(),
  comments: z
    .object({ sessionId: sessionIdSchema, repository: repositoryName.optional() })
    .strict(),
  addComment: z
    .object({
      sessionId: sessionIdSchema,
      repository: repositoryName,
      /** The file's path on that side: for the base side of a renamed file, its old path. */
      path: filePath,
      side: z.enum(['base', 'work']),
      startLine: line,
      endLine: line,
      body: commentBody,
    })
    .strict()
    .refine((c) => c.endLine >= c.startLine, {
      message: 'endLine must not be before startLine',
      path: ['endLine'],
    }),
  updateComment: z
    .object({
      sessionId: sessionIdSchema,
      id: commentId,
      body: commentBody.optional(),
      resolved: z.boolean().optional(),
    })
    .strict(),
  deleteComment: z.object({ sessionId: sessionIdSchema, id: commentId }).strict(),
};

export interface ReviewsApi {
  /**
   * The changed files of a repository of a running session against the merge base with its
   * base branch: committed, staged, unstaged and untracked, with renames detected, each with
   * its line counts. Read with real git in the sandbox, in one exec.
   */
  changes(input: z.infer<typeof reviewsInput.changes>): Promise<ChangeList>;
  /** Both sides of one file for the diff: `git show` of the merge base and the working tree. */
  file(input: z.infer<typeof reviewsInput.file>): Promise<FileDiff>;
  /**
   * The session's comments (on one repository, or all), each re-anchored to where its lines are now (by
   * diffing the content it was made on with the current one). Without a running sandbox,
   * where they were last seen.
   */
  comments(input: z.infer<typeof reviewsInput.comments>): Promise<ReviewComment[]>;
  /**
   * Saves a comment on lines of one side of a file, anchored to what the sandbox has there now.
   * `invalid_input` when the lines are not in the file.
   */
  addComment(input: z.infer<typeof reviewsInput.addComment>): Promise<ReviewComment>;
  /** Edits a comment's text (pending ones only) or marks it resolved or not. */
  updateComment(input: z.infer<typeof reviewsInput.updateComment>): Promise<ReviewComment>;
  deleteComment(input: z.infer<typeof reviewsInput.deleteComment>): Promise<void>;
}

export interface ReviewsEvents {
  /**
   * A session's comments changed (added, edited, sent, re-anchored): all of them, on every
   * repository. Topic is the session id.
   */
  comments: { sessionId: string; comments: ReviewComment[] };
}
