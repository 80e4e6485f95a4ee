import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  RpcError,
  type ChangeList,
  type FileDiff,
  type ReviewComment,
  type ReviewsApi,
  type reviewsInput,
} from '../../../shared/contract';
import type { ReviewCommentsTable, StoredComment } from '../../storage/reviewCommentsTable';
import type { SessionRepositoriesTable } from '../../storage/sessionRepositoriesTable';
import type { EventBus } from '../events';
import { CommentLocator } from './commentLocator';
import { splitLines } from '../../../shared/lineDiff';
import type { MessageReview } from '../../storage/agentQueueTable';
import { reviewContext } from './reviewContext';
import type { RepositoryPlace, SandboxReader } from './sandboxReader';

type In<K extends keyof typeof reviewsInput> = z.infer<(typeof reviewsInput)[K]>;

// Lines of context kept around a comment's own lines, for re-finding them.
const contextLines = 3;

export interface ReviewsDeps {
  reader: SandboxReader;
  comments: ReviewCommentsTable;
  repositories: SessionRepositoriesTable;
  bus: EventBus;
  /** The session's running container, or a `conflict` saying the session is not running. */
  sessions: {
    exists(sessionId: string): boolean;
    runningContainer(sessionId: string): string | undefined;
  };
}

function publicComment({ snapshotSha: _, ...comment }: StoredComment): ReviewComment {
  return comment;
}

/**
 * The review of a session: its changes against the base branch, file sides for the diff, and
 * line comments that are re-anchored as the files change and ride along with the next message.
 */
export class ReviewsService implements ReviewsApi {
  private readonly locator: CommentLocator;

  constructor(private readonly deps: ReviewsDeps) {
    this.locator = new CommentLocator(deps.reader, deps.comments);
  }

  async changes(input: In<'changes'>): Promise<ChangeList> {
    return this.deps.reader.changes(this.place(input.sessionId, input.repository));
  }

  async file(input: In<'file'>): Promise<FileDiff> {
    const place = this.place(input.sessionId, input.repository);
    const { sides } = await this.deps.reader.sides(place, [
      { side: 'base', path: input.oldPath ?? input.path },
      { side: 'work', path: input.path },
    ]);
    const diff: FileDiff = {
      repository: input.repository,
      path: input.path,
      base: sides[0]!,
      work: sides[1]!,
    };
    if (input.oldPath !== undefined) diff.oldPath = input.oldPath;
    return diff;
  }

  async comments(input: In<'comments'>): Promise<ReviewComment[]> {
    this.requireSession(input.sessionId);
    // A sandbox that cannot be read now (stopping, its engine away): where they were last seen.
    await this.relocate(input.sessionId, input.repository).catch(() => {});
    return this.deps.comments.list(input.sessionId, input.repository).map(publicComment);
  }

  async addComment(input: In<'addComment'>): Promise<ReviewComment> {
    const place = this.place(input.sessionId, input.repository);
    const read = await this.deps.reader.sides(place, [{ side: input.side, path: input.path }]);
    const side = read.sides[0]!;
    if (side.kind !== 'text') {
      throw new RpcError(
        'invalid_input',
        `${input.path} has no text on the ${input.side === 'base' ? 'base' : 'working-tree'} side to comment on.`,
        { field: 'path' },
      );
    }
    const lines = splitLines(side.text);
    if (input.endLine > lines.length) {
      throw new RpcError(
        'invalid_input',
        `${input.path} has ${lines.length} lines on that side; line ${input.endLine} is not there (the file may have changed: reload the diff).`,
        { field: 'endLine' },
      );
    }
    const now = new Date().toISOString();
    const from = input.startLine - 1;
    const comment: ReviewComment = {
      id: randomUUID(),
      sessionId: input.sessionId,
      repository: input.repository,
      anchor: {
        commit: read.head,
        path: input.path,
        side: input.side,
        startLine: input.startLine,
        endLine: input.endLine,
        lines: lines.slice(from, input.endLine),
        before: lines.slice(Math.max(0, from - contextLines), from),
        after: lines.slice(input.endLine, input.endLine + contextLines),
      },
      position: {
        path: input.path,
        startLine: input.startLine,
        endLine: input.endLine,
        status: 'current',
      },
      body: input.body,
      state: 'pending',
      resolved: false,
      createdAt: now,
      updatedAt: now,
    };
    const saved = this.deps.comments.insert(comment, side.text);
    this.publish(input.sessionId);
    return publicComment(saved);
  }

  async updateComment(input: In<'updateComment'>): Promise<ReviewComment> {
    const existing = this.requireComment(input.sessionId, input.id);
    if (input.body !== undefined && existing.state === 'sent') {
      throw new RpcError(
        'conflict',
        'This comment was already sent to the agent; write a new one instead.',
      );
    }
    this.deps.comments.update(input.sessionId, input.id, {
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(input.resolved !== undefined ? { resolved: input.resolved } : {}),
    });
    this.publish(input.sessionId);
    return publicComment(this.requireComment(input.sessionId, input.id));
  }

  async deleteComment(input: In<'deleteComment'>): Promise<void> {
    this.requireSession(input.sessionId);
    if (!this.deps.comments.remove(input.sessionId, input.id)) {
      throw new RpcError('not_found', 'That comment was already deleted.');
    }
    this.publish(input.sessionId);
  }

  /** Whether the session has comments waiting for the next message. */
  hasPending(sessionId: string): boolean {
    return this.deps.comments.list(sessionId).some((c) => c.state === 'pending' && !c.resolved);
  }

  /**
   * Takes the pending (unresolved) comments for a message to the agent: re-anchors them to
   * the files as they are now, marks them sent, and returns them as the model's text.
   */
  async takePending(sessionId: string): Promise<MessageReview | null> {
    if (!this.hasPending(sessionId)) return null;
    await this.relocate(sessionId).catch(() => {
      // A sandbox that cannot be read now: the comments go where they were last seen.
    });
    const pending = this.deps.comments
      .list(sessionId)
      .filter((c) => c.state === 'pending' && !c.resolved);
    const context = reviewContext(pending.map(publicComment));
    this.deps.comments.markSent(
      sessionId,
      pending.map((c) => c.id),
      new Date().toISOString(),
    );
    this.publish(sessionId);
    return context;
  }

  /** Makes comments pending again: the message that carried them was taken off the queue. */
  restorePending(sessionId: string, ids: readonly string[]): void {
    this.deps.comments.markPending(sessionId, ids);
    this.publish(sessionId);
  }

  /** Re-anchors the session's comments when its sandbox runs; publishes any that moved. */
  private async relocate(sessionId: string, repository?: string): Promise<void> {
    const containerId = this.deps.sessions.runningContainer(sessionId);
    if (!containerId) return;
    const comments = this.deps.comments.list(sessionId, repository);
    const repositories = new Set(comments.map((c) => c.repository));
    let moved = false;
    for (const name of repositories) {
      const repo = this.deps.repositories.get(sessionId, name);
      if (repo?.seed !== 'ready') continue;
      const place = { containerId, repository: name, baseBranch: repo.baseBranch };
      const mine = comments.filter((c) => c.repository === name);
      if (await this.locator.relocate(place, mine)) moved = true;
    }
    if (moved) this.publish(sessionId);
  }

  private place(sessionId: string, repository: string): RepositoryPlace {
    this.requireSession(sessionId);
    const repo = this.deps.repositories.get(sessionId, repository);
    if (!repo) throw new RpcError('not_found', `This session has no repository "${repository}".`);
    if (repo.seed !== 'ready') {
      throw new RpcError(
        'conflict',
        `Repository "${repository}" is not in the sandbox yet (${repo.seed}${repo.seedDetail ? `: ${repo.seedDetail}` : ''}).`,
      );
    }
    const containerId = this.deps.sessions.runningContainer(sessionId);
    if (!containerId) {
      throw new RpcError('conflict', 'The session is not running: start it to see its changes.');
    }
    return { containerId, repository, baseBranch: repo.baseBranch };
  }

  private requireSession(sessionId: string): void {
    if (!this.deps.sessions.exists(sessionId)) {
      throw new RpcError('not_found', 'That session does not exist.');
    }
  }

  private requireComment(sessionId: string, id: string): StoredComment {
    this.requireSession(sessionId);
    const comment = this.deps.comments.get(sessionId, id);
    if (!comment) throw new RpcError('not_found', 'That comment was deleted.');
    return comment;
  }

  private publish(sessionId: string): void {
    const comments = this.deps.comments.list(sessionId).map(publicComment);
    this.deps.bus.emit('reviews.comments', { sessionId, comments }, sessionId);
  }
}
