import type { ChangedFile, ReviewComment } from '../../../../shared/contract/reviews';

/** The comments on one file, for the panel's comment list. */
export interface CommentGroup {
  key: string;
  repository: string;
  /** Where the comments are now (a renamed file's new path). */
  path: string;
  comments: ReviewComment[];
}

/**
 * The comments grouped by file: the shown repository's files first, then the other
 * repositories', each by path; in a file, by line (outdated ones by the lines they were made on).
 */
export function groupComments(
  comments: readonly ReviewComment[],
  repository: string | null,
): CommentGroup[] {
  const groups = new Map<string, CommentGroup>();
  for (const comment of comments) {
    const key = `${comment.repository}\0${comment.position.path}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, repository: comment.repository, path: comment.position.path, comments: [] };
      groups.set(key, group);
    }
    group.comments.push(comment);
  }
  const rank = (g: CommentGroup): number => (g.repository === repository ? 0 : 1);
  const sorted = [...groups.values()].sort(
    (a, b) => rank(a) - rank(b) || compare(a.repository, b.repository) || compare(a.path, b.path),
  );
  for (const group of sorted) group.comments.sort(byLine);
  return sorted;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byLine(a: ReviewComment, b: ReviewComment): number {
  return (
    a.position.startLine - b.position.startLine ||
    a.position.endLine - b.position.endLine ||
    compare(a.createdAt, b.createdAt)
  );
}

/** A comment the next message carries: pending and not resolved (the host leaves those out). */
export function goesWithNextMessage(comment: ReviewComment): boolean {
  return comment.state === 'pending' && !comment.resolved;
}

/** How many comments the next message carries, and on how many files. */
export function pendingCounts(comments: readonly ReviewComment[]): {
  comments: number;
  files: number;
} {
  const pending = comments.filter(goesWithNextMessage);
  const files = new Set(pending.map((c) => `${c.repository}\0${c.position.path}`));
  return { comments: pending.length, files: files.size };
}

/**
 * The comments the diff of one file shows inline: on this file (its old path too, for the base
 * side of a rename) and not outdated (those are only in the list, with the lines they were on).
 */
export function commentsOnFile(
  comments: readonly ReviewComment[],
  repository: string,
  file: Pick<ChangedFile, 'path' | 'oldPath'>,
): ReviewComment[] {
  return comments.filter(
    (c) =>
      c.repository === repository &&
      c.position.status !== 'outdated' &&
      (c.position.path === file.path ||
        (file.oldPath !== undefined && c.position.path === file.oldPath)),
  );
}
