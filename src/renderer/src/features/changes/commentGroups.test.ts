import { describe, expect, it } from 'vitest';
import type { ReviewComment } from '../../../../shared/contract/reviews';
import { commentsOnFile, groupComments, pendingCounts } from './commentGroups';

let seq = 0;
function comment(
  repository: string,
  path: string,
  startLine: number,
  extra: {
    state?: ReviewComment['state'];
    status?: ReviewComment['position']['status'];
    side?: 'base' | 'work';
  } = {},
): ReviewComment {
  seq += 1;
  return {
    id: `c${seq}`,
    sessionId: 's',
    repository,
    anchor: {
      commit: null,
      path,
      side: extra.side ?? 'work',
      startLine,
      endLine: startLine,
      lines: ['x'],
      before: [],
      after: [],
    },
    position: { path, startLine, endLine: startLine, status: extra.status ?? 'current' },
    body: `comment ${seq}`,
    state: extra.state ?? 'pending',
    resolved: false,
    createdAt: `2025-01-01T00:00:${String(seq).padStart(2, '0')}Z`,
    updatedAt: '2025-01-01T00:00:00Z',
  };
}

describe('groupComments', () => {
  it('groups by file, the shown repository first, and orders each file by line', () => {
    const comments = [
      comment('web', 'b.ts', 9),
      comment('api', 'z.ts', 1),
      comment('web', 'a.ts', 3),
      comment('web', 'b.ts', 2),
    ];
    const groups = groupComments(comments, 'web');
    expect(groups.map((g) => `${g.repository}:${g.path}`)).toEqual([
      'web:a.ts',
      'web:b.ts',
      'api:z.ts',
    ]);
    expect(groups[1]?.comments.map((c) => c.position.startLine)).toEqual([2, 9]);
  });

  it('keeps paths with spaces, newlines and Unicode apart', () => {
    const groups = groupComments(
      [comment('r', 'a b.ts', 1), comment('r', 'a\nb.ts', 1), comment('r', 'ä.ts', 1)],
      'r',
    );
    expect(groups).toHaveLength(3);
  });
});

describe('pendingCounts', () => {
  it('counts pending, unresolved comments and the distinct files they are on, across repositories', () => {
    const resolved = { ...comment('web', 'c.ts', 1), resolved: true };
    const counts = pendingCounts([
      comment('web', 'a.ts', 1),
      comment('web', 'a.ts', 5),
      comment('api', 'a.ts', 1),
      comment('web', 'b.ts', 1, { state: 'sent' }),
      resolved,
    ]);
    expect(counts).toEqual({ comments: 3, files: 2 });
  });
});

describe('commentsOnFile', () => {
  it('takes the file’s comments (its old path too) and leaves outdated ones to the list', () => {
    const onNew = comment('web', 'new.ts', 1);
    const onOld = comment('web', 'old.ts', 1, { side: 'base' });
    const outdated = comment('web', 'new.ts', 2, { status: 'outdated' });
    const elsewhere = comment('api', 'new.ts', 1);
    const shown = commentsOnFile([onNew, onOld, outdated, elsewhere], 'web', {
      path: 'new.ts',
      oldPath: 'old.ts',
    });
    expect(shown).toEqual([onNew, onOld]);
  });
});
