import type { ReviewComment } from '../../../shared/contract';
import type { MessageReview } from '../../storage/agentQueueTable';

/** A fence longer than any run of backticks in the text, so code cannot close it early. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

function describeLines(start: number, end: number): string {
  return start === end ? `line ${start}` : `lines ${start}-${end}`;
}

function describe(comment: ReviewComment, index: number, total: number): string {
  const { anchor, position } = comment;
  const side =
    anchor.side === 'work'
      ? 'the working tree (the new code)'
      : 'the base (the code before this session)';
  const where =
    position.status === 'outdated'
      ? `${describeLines(anchor.startLine, anchor.endLine)} as they were; those lines have changed since`
      : position.startLine === anchor.startLine && position.path === anchor.path
        ? describeLines(position.startLine, position.endLine)
        : `${describeLines(position.startLine, position.endLine)} now (written on ${describeLines(anchor.startLine, anchor.endLine)} of ${anchor.path})`;
  const width = String(anchor.endLine).length;
  const numbered = anchor.lines
    .map((line, i) => `${String(anchor.startLine + i).padStart(width)} | ${line}`)
    .join('\n');
  const fence = fenceFor(numbered);
  return [
    `### Comment ${index + 1} of ${total}`,
    `File: ${position.path} (repository ${comment.repository}, /workspace/${comment.repository})`,
    `Side: ${side}`,
    `Lines: ${where}`,
    'The lines when the comment was written:',
    fence,
    numbered,
    fence,
    'Comment:',
    comment.body,
  ].join('\n');
}

/**
 * The review comments as the model reads them with the user's message: for each, the file,
 * the side, the line range (now, and when written), the lines' text when it was written, and
 * the comment.
 */
export function reviewContext(comments: readonly ReviewComment[]): MessageReview | null {
  if (comments.length === 0) return null;
  const files = new Set(comments.map((c) => `${c.repository}\0${c.position.path}`)).size;
  const header =
    `## Review comments (${comments.length} on ${files} file${files === 1 ? '' : 's'})\n` +
    'The user reviewed the changes and left these comments on lines of the diff. Address each one.';
  const text = [header, ...comments.map((c, i) => describe(c, i, comments.length))].join('\n\n');
  return { text, comments: comments.length, files, ids: comments.map((c) => c.id) };
}
