import type { ChangeList, ChangeStatus, ChangedFile } from '../../../../shared/contract/reviews';

/** `1 file`, `3 files`. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

// U+2212: a real minus lines up with the plus in tabular figures; a hyphen is narrower.
const minus = '\u2212';

/** `+12 −4`, or `binary` for a file git counts no lines of. */
export function lineCountsText(file: Pick<ChangedFile, 'additions' | 'deletions'>): string {
  if (file.additions === null || file.deletions === null) return 'binary';
  return `+${file.additions} ${minus}${file.deletions}`;
}

/** `3 files changed · +12 −4` */
export function totalsText(totals: ChangeList['totals']): string {
  return `${countOf(totals.files, 'file')} changed · ${lineCountsText(totals)}`;
}

/** `3 comments on 2 files`, `1 comment on 1 file`; `noun` for `3 review comments`. */
export function commentsSummary(comments: number, files: number, noun = 'comment'): string {
  return `${countOf(comments, noun)} on ${countOf(files, 'file')}`;
}

/**
 * Under a message that carried review comments: `with 3 review comments on 2 files`; alone in a
 * message sent without text, `3 review comments on 2 files`.
 */
export function reviewNote(review: { comments: number; files: number }, alone = false): string {
  const summary = commentsSummary(review.comments, review.files, 'review comment');
  return alone ? summary : `with ${summary}`;
}

export const statusLetters: Record<ChangeStatus, string> = {
  added: 'A',
  modified: 'M',
  deleted: 'D',
  renamed: 'R',
  typechange: 'T',
};

export const statusWords: Record<ChangeStatus, string> = {
  added: 'added',
  modified: 'modified',
  deleted: 'deleted',
  renamed: 'renamed',
  typechange: 'type changed',
};

/** `line 12`, `lines 12–14`. */
export function linesText(startLine: number, endLine: number): string {
  return startLine === endLine ? `line ${startLine}` : `lines ${startLine}\u2013${endLine}`;
}

/**
 * A path as it can be shown on one line: a newline in a file name shows as ↵, a tab as ⇥, other
 * control characters as \xNN, so a row never breaks and nothing is hidden. (The U+2400 control
 * pictures would be exact, but common fonts lack them and show empty boxes.)
 */
export function visiblePath(path: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return path.replace(/[\u0000-\u001f\u007f]/g, (c) => {
    if (c === '\n') return '\u21b5';
    if (c === '\t') return '\u21e5';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}
