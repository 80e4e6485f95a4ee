import { describe, expect, it } from 'vitest';
import type { CommentAnchor } from '../../../shared/contract/reviews';
import { reanchor } from './reanchor';

/** An anchor on 1-based lines `start..end` of `lines`, with up to three lines of context. */
function anchorOn(lines: string[], start: number, end: number, path = 'src/app.ts'): CommentAnchor {
  return {
    commit: 'c0ffee',
    path,
    side: 'work',
    startLine: start,
    endLine: end,
    lines: lines.slice(start - 1, end),
    before: lines.slice(Math.max(0, start - 4), start - 1),
    after: lines.slice(end, end + 3),
  };
}

const text = (lines: string[]) => lines.join('\n') + '\n';
const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`);

/** Re-anchors a comment on `start..end` of `before` into `after` (same path unless given). */
function follow(
  before: string[],
  start: number,
  end: number,
  after: string[],
  path = 'src/app.ts',
) {
  return reanchor(anchorOn(before, start, end), text(before), { path, text: text(after) });
}

const file = numbered(20);

describe('reanchor: unchanged lines', () => {
  it('stays current when nothing changed', () => {
    expect(follow(file, 5, 7, file)).toEqual({
      path: 'src/app.ts',
      startLine: 5,
      endLine: 7,
      status: 'current',
    });
  });

  it('stays current when lines were only added or removed below', () => {
    const after = [...file.slice(0, 10), 'new', ...file.slice(12)];
    expect(follow(file, 5, 7, after)).toMatchObject({
      startLine: 5,
      endLine: 7,
      status: 'current',
    });
  });

  it('moves down by the lines inserted above', () => {
    const after = ['import a;', 'import b;', 'import c;', ...file];
    expect(follow(file, 5, 7, after)).toMatchObject({ startLine: 8, endLine: 10, status: 'moved' });
  });

  it('moves up by the lines deleted above', () => {
    const after = file.slice(2);
    expect(follow(file, 5, 7, after)).toMatchObject({ startLine: 3, endLine: 5, status: 'moved' });
  });

  it('follows a rename with unchanged lines: moved, with the new path', () => {
    expect(follow(file, 5, 7, file, 'src/main.ts')).toEqual({
      path: 'src/main.ts',
      startLine: 5,
      endLine: 7,
      status: 'moved',
    });
  });

  it('follows a rename with lines inserted above', () => {
    const after = ['// header', '', ...file];
    expect(follow(file, 5, 7, after, 'src/main.ts')).toEqual({
      path: 'src/main.ts',
      startLine: 7,
      endLine: 9,
      status: 'moved',
    });
  });

  it('compares CRLF and LF lines as equal', () => {
    const anchor = anchorOn(file, 5, 7);
    const crlf = { path: 'src/app.ts', text: file.join('\r\n') + '\r\n' };
    expect(reanchor(anchor, text(file), crlf)).toMatchObject({ startLine: 5, status: 'current' });
    const crlfAnchor = { ...anchor, lines: anchor.lines.map((line) => `${line}\r`) };
    const moved = { path: 'src/app.ts', text: ['x', ...file].join('\r\n') };
    expect(reanchor(crlfAnchor, file.join('\r\n'), moved)).toMatchObject({
      startLine: 6,
      endLine: 8,
      status: 'moved',
    });
  });
});

describe('reanchor: moved blocks', () => {
  const parse = [
    'function parse(input) {',
    '  const tokens = lex(input);',
    '  return tree(tokens);',
    '}',
  ];
  const render = [
    'function render(node) {',
    '  switch (node.kind) {',
    "    case 'text': return node.value;",
    "    case 'list': return node.items.map(render).join('');",
    "    default: throw new Error('unknown node');",
    '  }',
    '}',
  ];
  const before = ['// tools', '', ...parse, '', ...render, '', 'export { parse, render };'];

  it('follows a block moved below other code', () => {
    // parse() moves below render(): its lines 3..6 are now 11..14.
    const after = ['// tools', '', ...render, '', ...parse, '', 'export { parse, render };'];
    expect(follow(before, 4, 5, after)).toEqual({
      path: 'src/app.ts',
      startLine: 12,
      endLine: 13,
      status: 'moved',
    });
  });

  it('follows the lines that stayed when the other block moved past them', () => {
    const after = ['// tools', '', ...render, '', ...parse, '', 'export { parse, render };'];
    // render() (lines 8..14) is the larger block, so the diff keeps it and moves parse().
    expect(follow(before, 9, 10, after)).toMatchObject({
      startLine: 4,
      endLine: 5,
      status: 'moved',
    });
  });

  it('takes the copy nearest where the block was when it reappears twice', () => {
    const block = ['  retry(3);', '  backoff(250);'];
    const old = [...numbered(30).slice(0, 15), ...block, ...numbered(30).slice(15)];
    // Removed at 16..17, inserted again at 3..4 (far) and at 22..23 (near).
    const rest = numbered(30);
    const after = [
      ...rest.slice(0, 2),
      ...block,
      ...rest.slice(2, 19),
      ...block,
      ...rest.slice(19),
    ];
    expect(follow(old, 16, 17, after)).toMatchObject({
      startLine: 22,
      endLine: 23,
      status: 'moved',
    });
  });
});

describe('reanchor: changed lines', () => {
  const edit = (at: number, count: number, by: string[]) => {
    const after = [...file];
    after.splice(at - 1, count, ...by);
    return after;
  };

  it('sits on the same range when one line of three was edited', () => {
    expect(follow(file, 5, 7, edit(6, 1, ['line six']))).toEqual({
      path: 'src/app.ts',
      startLine: 5,
      endLine: 7,
      status: 'changed',
    });
  });

  it('spreads over the replacement when all lines were replaced by more', () => {
    const after = edit(5, 3, ['a', 'b', 'c', 'd', 'e']);
    expect(follow(file, 5, 7, after)).toMatchObject({
      startLine: 5,
      endLine: 9,
      status: 'changed',
    });
  });

  it('shrinks to the replacement when all lines were replaced by fewer', () => {
    const after = edit(5, 3, ['one line now']);
    expect(follow(file, 5, 7, after)).toMatchObject({
      startLine: 5,
      endLine: 5,
      status: 'changed',
    });
  });

  it('keeps to its share of a larger rewrite', () => {
    // Lines 5..7 become 5..7 rewritten; a comment on 6 stays on 6, not on all three.
    const after = edit(5, 3, ['five', 'six', 'seven']);
    expect(follow(file, 6, 6, after)).toMatchObject({
      startLine: 6,
      endLine: 6,
      status: 'changed',
    });
  });

  it('covers lines inserted inside its range, and keeps the rest when one was deleted', () => {
    const inserted = edit(6, 0, ['inside']);
    expect(follow(file, 5, 7, inserted)).toMatchObject({
      startLine: 5,
      endLine: 8,
      status: 'changed',
    });
    const removed = ['top', ...edit(6, 1, [])];
    expect(follow(file, 5, 7, removed)).toMatchObject({
      startLine: 6,
      endLine: 7,
      status: 'changed',
    });
  });

  it('stays on the edit, not on an unchanged copy of its old text elsewhere', () => {
    const old = [...file.slice(0, 15), 'line 5', ...file.slice(15)];
    const after = [...old];
    after[4] = 'line 5 edited';
    expect(follow(old, 5, 5, after)).toMatchObject({ startLine: 5, endLine: 5, status: 'changed' });
  });
});

describe('reanchor: outdated', () => {
  it('is outdated at its original place when its lines were deleted', () => {
    const after = [...file.slice(0, 4), ...file.slice(7)];
    expect(follow(file, 5, 7, after, 'src/renamed.ts')).toEqual({
      path: 'src/app.ts',
      startLine: 5,
      endLine: 7,
      status: 'outdated',
    });
  });

  it('is outdated when the file is gone', () => {
    expect(reanchor(anchorOn(file, 5, 7), text(file), null)).toEqual({
      path: 'src/app.ts',
      startLine: 5,
      endLine: 7,
      status: 'outdated',
    });
  });
});

describe('reanchor: large and very different files', () => {
  it('follows a comment through 10 scattered edits of a 100,000-line file', () => {
    const big = numbered(100_000);
    const after = [...big];
    // From the bottom up, so the indices hold: 5 edits below the comment, 5 above.
    for (let i = 9; i >= 0; i--) {
      const at = i * 10_000 + 1_234;
      if (i % 2 === 0) after.splice(at, 0, `added ${i}a`, `added ${i}b`);
      else after.splice(at, 1, `edited ${i}`);
    }
    // Above line 50,000: three insertions of 2 lines (i = 0, 2, 4) and two in-place edits.
    expect(follow(big, 50_000, 50_002, after)).toEqual({
      path: 'src/app.ts',
      startLine: 50_006,
      endLine: 50_008,
      status: 'moved',
    });
  });

  it('falls back to an exact search when every other line changed', () => {
    const old = numbered(9000);
    const after = old.map((line, i) => (i >= 4999 && i <= 5001 ? line : `${line};`));
    expect(follow(old, 5000, 5002, after)).toMatchObject({
      startLine: 5000,
      endLine: 5002,
      status: 'current',
    });
    const shifted = ['// license', ...after];
    expect(follow(old, 5000, 5002, shifted)).toMatchObject({ startLine: 5001, status: 'moved' });
    const gone = old.map((line) => `${line};`);
    expect(follow(old, 5000, 5002, gone)).toMatchObject({ startLine: 5000, status: 'outdated' });
  });

  it('takes the nearest exact copy in the fallback too', () => {
    const old = numbered(9000);
    const after = old.map((line) => `${line};`);
    after[100] = 'line 4000';
    after[4100] = 'line 4000';
    expect(follow(old, 4000, 4000, after)).toMatchObject({ startLine: 4101, status: 'moved' });
    after[100] = 'line 100;';
    after[8000] = 'line 4000';
    expect(follow(old, 4000, 4000, after)).toMatchObject({ startLine: 4101, status: 'moved' });
  });

  it('breaks a tie in distance with the lines that were around the block', () => {
    const old = numbered(9000);
    const changed = old.map((line) => `${line};`);
    // Copies of line 4000 at 3998 and 4002, both 2 lines away from where it was.
    changed[3997] = 'line 4000';
    changed[4001] = 'line 4000';
    const followedBy = [...changed];
    followedBy.splice(4002, 3, 'line 4001', 'line 4002', 'line 4003');
    expect(follow(old, 4000, 4000, followedBy)).toMatchObject({ startLine: 4002, status: 'moved' });
    const precededBy = [...changed];
    precededBy.splice(3994, 3, 'line 3997', 'line 3998', 'line 3999');
    expect(follow(old, 4000, 4000, precededBy)).toMatchObject({ startLine: 3998, status: 'moved' });
  });
});
