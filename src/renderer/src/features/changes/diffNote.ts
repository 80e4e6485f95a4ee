import type { FileDiff, FileSide } from '../../../../shared/contract/reviews';
import { formatBytes } from '../agent/toolText';

/** Both sides are text (or one is missing): Monaco can show the diff. */
export function isTextDiff(diff: FileDiff): boolean {
  const text = (side: FileSide): boolean => side.kind === 'text' || side.kind === 'absent';
  return (
    text(diff.base) &&
    text(diff.work) &&
    !(diff.base.kind === 'absent' && diff.work.kind === 'absent')
  );
}

/** The text of a side for the diff: '' when the file is not on that side. */
export function sideText(side: FileSide): string {
  return side.kind === 'text' ? side.text : '';
}

/** Either side is not UTF-8 and is shown decoded as Latin-1. */
export function isLatin1(diff: FileDiff): boolean {
  return [diff.base, diff.work].some((s) => s.kind === 'text' && s.encoding === 'latin1');
}

const kindWords: Record<FileSide['kind'], string> = {
  text: 'file',
  absent: 'nothing',
  binary: 'binary file',
  tooLarge: 'file',
  symlink: 'symbolic link',
  submodule: 'submodule',
};

/** What a non-text diff is, for the note shown instead of it: a title and a line per side. */
export interface DiffNote {
  title: string;
  base: string;
  work: string;
}

export function diffNote(diff: FileDiff): DiffNote {
  const { base, work } = diff;
  return {
    title: noteTitle(base, work),
    base: sideNote(base, 'Not in the base'),
    work: sideNote(work, 'Deleted'),
  };
}

function noteTitle(base: FileSide, work: FileSide): string {
  const sides = [base, work];
  const kinds = sides.filter((s) => s.kind !== 'absent').map((s) => kindOf(s));
  if (kinds.length === 2 && kinds[0] !== kinds[1]) {
    return `Type changed: ${kindWords[base.kind]} \u2192 ${kindWords[work.kind]}`;
  }
  if (sides.some((s) => s.kind === 'tooLarge')) return 'Too large to show as a diff';
  if (sides.some((s) => s.kind === 'binary')) return 'Binary file: no text diff';
  if (sides.some((s) => s.kind === 'symlink')) return 'Symbolic link';
  if (sides.some((s) => s.kind === 'submodule')) return 'Submodule';
  return 'No text to compare';
}

// Text, binary and too large are all regular files: a type change is between these groups.
function kindOf(side: FileSide): string {
  return side.kind === 'text' || side.kind === 'binary' || side.kind === 'tooLarge'
    ? 'file'
    : side.kind;
}

function sideNote(side: FileSide, absent: string): string {
  switch (side.kind) {
    case 'absent':
      return absent;
    case 'text':
      return `Text, ${formatBytes(side.bytes)}`;
    case 'binary':
      return `Binary, ${formatBytes(side.bytes)}`;
    case 'tooLarge':
      return `${formatBytes(side.bytes)}, over the ${formatBytes(side.limit)} limit`;
    case 'symlink':
      return `Link to ${side.target}`;
    case 'submodule':
      return `Commit ${side.commit.slice(0, 12)}`;
  }
}
