import { describe, expect, it } from 'vitest';
import type { ReviewComment } from '../../../shared/contract';
import { parseChangeList, parseRawNumstat } from './changeList';
import { decodeSide, parseFileSides } from './fileSides';
import { reviewContext } from './reviewContext';
import { readSections } from './sections';

// What the review reads from git's output and writes for the model, with paths that break
// naive parsing (tabs, newlines, a leading colon, digits).

const section = (name: string, body: string | Buffer) =>
  Buffer.concat([Buffer.from(`${name} ${Buffer.byteLength(body)}\n`), Buffer.from(body)]);

describe('what the review reads from git', () => {
  it('parses raw and numstat records by position, whatever the paths hold', () => {
    const raw = [
      ':100644 100644 aaa bbb M\0src/a.ts\0',
      ':000000 100644 000 ccc A\0:12\todd\nname\0',
      ':100644 000000 ddd 000 D\0gone.txt\0',
      ':100644 100644 eee eee R100\0old name.txt\0new name.txt\0',
      ':100644 120000 fff ggg T\0link\0',
      ':100644 100644 hhh iii M\0logo.bin\0',
    ].join('');
    const numstat = [
      '3\t1\tsrc/a.ts\0',
      '2\t0\t:12\todd\nname\0',
      '0\t4\tgone.txt\0',
      '0\t0\t\0old name.txt\0new name.txt\0',
      '1\t1\tlink\0',
      '-\t-\tlogo.bin\0',
    ].join('');
    expect(parseRawNumstat(raw + numstat)).toEqual([
      { path: 'src/a.ts', status: 'modified', additions: 3, deletions: 1, untracked: false },
      { path: ':12\todd\nname', status: 'added', additions: 2, deletions: 0, untracked: false },
      { path: 'gone.txt', status: 'deleted', additions: 0, deletions: 4, untracked: false },
      {
        path: 'new name.txt',
        oldPath: 'old name.txt',
        status: 'renamed',
        additions: 0,
        deletions: 0,
        untracked: false,
      },
      { path: 'link', status: 'typechange', additions: 1, deletions: 1, untracked: false },
      { path: 'logo.bin', status: 'modified', additions: null, deletions: null, untracked: false },
    ]);
  });

  it('builds the list with untracked files marked and totals that skip binaries', () => {
    const out = Buffer.concat([
      section('head', 'abc\n'),
      section('base', 'def'),
      section('untracked', 'new.txt\0'),
      section(
        'diff',
        ':000000 100644 0 1 A\0new.txt\0:1 1 2 3 M\0b.bin\0' + '5\t0\tnew.txt\0-\t-\tb.bin\0',
      ),
    ]);
    expect(parseChangeList(out, 'app', 'main')).toEqual({
      repository: 'app',
      baseBranch: 'main',
      mergeBase: 'def',
      head: 'abc',
      files: [
        { path: 'new.txt', status: 'added', additions: 5, deletions: 0, untracked: true },
        { path: 'b.bin', status: 'modified', additions: null, deletions: null, untracked: false },
      ],
      totals: { files: 2, additions: 5, deletions: 0 },
    });
  });

  it('refuses cut-off output instead of guessing', () => {
    expect(() => readSections(Buffer.from('head 10\nabc'))).toThrow(/cut off/);
    expect(() => readSections(Buffer.from('nonsense'))).toThrow(/header/);
  });

  it('tells text, Latin-1 text and binary apart like git does', () => {
    expect(decodeSide(Buffer.from('héllo\n'))).toEqual({
      kind: 'text',
      text: 'héllo\n',
      encoding: 'utf-8',
      bytes: 7,
    });
    expect(decodeSide(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toMatchObject({
      encoding: 'latin1',
      text: 'café',
    });
    expect(decodeSide(Buffer.from([1, 0, 2]))).toEqual({ kind: 'binary', bytes: 3 });
    const sides = parseFileSides(
      Buffer.concat([
        section('head', 'h1'),
        section('base', ''),
        section('absent:0', ''),
        section('symlink:9', 'README.md'),
        section('tooLarge:9000000', ''),
        section('submodule:0', 'f'.repeat(40)),
      ]),
    );
    expect(sides.head).toBe('h1');
    expect(sides.mergeBase).toBeNull();
    expect(sides.sides).toEqual([
      { kind: 'absent' },
      { kind: 'symlink', target: 'README.md' },
      { kind: 'tooLarge', bytes: 9_000_000, limit: 4 * 1024 * 1024 },
      { kind: 'submodule', commit: 'f'.repeat(40) },
    ]);
  });
});

describe('the review comments as the model reads them', () => {
  const comment = (over: Partial<ReviewComment>): ReviewComment => ({
    id: 'c1',
    sessionId: 's',
    repository: 'app',
    anchor: {
      commit: 'abc',
      path: 'src/calc.py',
      side: 'work',
      startLine: 9,
      endLine: 10,
      lines: ['def add(a, b):', '    return a - b  # ```'],
      before: [],
      after: [],
    },
    position: { path: 'src/calc.py', startLine: 9, endLine: 10, status: 'current' },
    body: 'This subtracts.',
    state: 'pending',
    resolved: false,
    createdAt: '',
    updatedAt: '',
    ...over,
  });

  it('gives the file, side, lines, their text and the comment', () => {
    const context = reviewContext([
      comment({}),
      comment({
        id: 'c2',
        position: { path: 'src/math.py', startLine: 12, endLine: 13, status: 'moved' },
        body: 'Second.',
      }),
      comment({
        id: 'c3',
        position: { path: 'src/calc.py', startLine: 9, endLine: 10, status: 'outdated' },
        body: 'Third.',
      }),
    ])!;
    expect(context).toMatchObject({ comments: 3, files: 2, ids: ['c1', 'c2', 'c3'] });
    expect(context.text).toContain('## Review comments (3 on 2 files)');
    expect(context.text).toContain(
      [
        '### Comment 1 of 3',
        'File: src/calc.py (repository app, /workspace/app)',
        'Side: the working tree (the new code)',
        'Lines: lines 9-10',
        'The lines when the comment was written:',
        '````',
        ' 9 | def add(a, b):',
        '10 |     return a - b  # ```',
        '````',
        'Comment:',
        'This subtracts.',
      ].join('\n'),
    );
    expect(context.text).toContain('Lines: lines 12-13 now (written on lines 9-10 of src/calc.py)');
    expect(context.text).toContain(
      'Lines: lines 9-10 as they were; those lines have changed since',
    );
  });

  it('says nothing when there is nothing pending', () => {
    expect(reviewContext([])).toBeNull();
  });
});
