import { describe, expect, it } from 'vitest';
import type { FileDiff, FileSide } from '../../../../shared/contract/reviews';
import { diffNote, isLatin1, isTextDiff, sideText } from './diffNote';

const diff = (base: FileSide, work: FileSide): FileDiff => ({
  repository: 'r',
  path: 'f',
  base,
  work,
});
const text = (t: string, encoding: 'utf-8' | 'latin1' = 'utf-8'): FileSide => ({
  kind: 'text',
  text: t,
  encoding,
  bytes: t.length,
});
const absent: FileSide = { kind: 'absent' };

describe('diffNote', () => {
  it('shows text and absent sides as a diff, with "" for the missing side', () => {
    expect(isTextDiff(diff(text('a'), text('b')))).toBe(true);
    expect(isTextDiff(diff(absent, text('b')))).toBe(true);
    expect(sideText(absent)).toBe('');
    expect(isTextDiff(diff({ kind: 'binary', bytes: 10 }, text('b')))).toBe(false);
  });

  it('notices Latin-1 on either side', () => {
    expect(isLatin1(diff(text('a'), text('b', 'latin1')))).toBe(true);
    expect(isLatin1(diff(text('a'), absent))).toBe(false);
  });

  it('says binary with sizes', () => {
    expect(diffNote(diff({ kind: 'binary', bytes: 2048 }, { kind: 'binary', bytes: 10 }))).toEqual({
      title: 'Binary file: no text diff',
      base: 'Binary, 2 KiB',
      work: 'Binary, 10 B',
    });
    expect(diffNote(diff(absent, { kind: 'binary', bytes: 1 })).base).toBe('Not in the base');
  });

  it('says too large with the size and the limit', () => {
    const note = diffNote(
      diff(text('a'), { kind: 'tooLarge', bytes: 3 * 1024 * 1024, limit: 1024 * 1024 }),
    );
    expect(note.title).toBe('Too large to show as a diff');
    expect(note.work).toBe('3 MiB, over the 1 MiB limit');
  });

  it('shows a symlink’s target and a submodule’s commit on each side', () => {
    expect(
      diffNote(diff({ kind: 'symlink', target: 'a' }, { kind: 'symlink', target: 'b' })),
    ).toEqual({
      title: 'Symbolic link',
      base: 'Link to a',
      work: 'Link to b',
    });
    const sub = diffNote(diff({ kind: 'submodule', commit: 'a'.repeat(40) }, absent));
    expect(sub).toEqual({ title: 'Submodule', base: `Commit ${'a'.repeat(12)}`, work: 'Deleted' });
  });

  it('names both kinds of a type change', () => {
    expect(diffNote(diff({ kind: 'symlink', target: 'x' }, text('hello'))).title).toBe(
      'Type changed: symbolic link \u2192 file',
    );
    expect(
      diffNote(diff({ kind: 'binary', bytes: 3 }, { kind: 'submodule', commit: 'c' })).title,
    ).toBe('Type changed: binary file \u2192 submodule');
  });
});
