import { describe, expect, it } from 'vitest';
import type { Project } from '../../../../shared/contract/projects';
import { picksFor, primaryAmong, sessionCreateInput, shownBranch } from './sessionDraft';

const project: Project = {
  id: 'p1',
  name: 'acme',
  repositories: [
    { id: 'r1', name: 'widgets', source: { kind: 'path', path: '/w' }, baseBranch: 'main' },
    { id: 'r2', name: 'empty', source: { kind: 'path', path: '/e' }, baseBranch: null },
  ],
  createdAt: '',
  updatedAt: '',
};

describe('shownBranch', () => {
  it('follows the session name until a branch is typed', () => {
    expect(shownBranch('Fix login', null)).toBe('berth/fix-login');
    expect(shownBranch('Fix login!', null)).toBe('berth/fix-login');
    expect(shownBranch('Fix login', 'feature/x')).toBe('feature/x');
    expect(shownBranch('Fix login', '')).toBe('');
  });
});

describe('primaryAmong', () => {
  it('keeps the chosen repository while it is ticked, else takes the first ticked', () => {
    const picks = picksFor(project);
    expect(primaryAmong(picks, 'empty')).toBe('empty');
    expect(primaryAmong(picks, null)).toBe('widgets');
    const untick = picks.map((p) => (p.name === 'empty' ? { ...p, ticked: false } : p));
    expect(primaryAmong(untick, 'empty')).toBe('widgets');
    expect(
      primaryAmong(
        untick.map((p) => ({ ...p, ticked: false })),
        'widgets',
      ),
    ).toBeNull();
  });
});

describe('sessionCreateInput', () => {
  const base = { name: ' Fix login ', primary: null, branch: 'berth/fix-login', task: '' };

  it('is only a name for an empty sandbox', () => {
    expect(sessionCreateInput({ ...base, project: undefined, picks: [] })).toEqual({
      name: 'Fix login',
    });
  });

  it('names the ticked repositories, their base branches, the primary and the branch', () => {
    const picks = picksFor(project).map((p) =>
      p.id === 'r1' ? { ...p, baseBranch: 'develop' } : p,
    );
    expect(
      sessionCreateInput({ ...base, project, picks, primary: 'empty', task: 'Do it\nwell' }),
    ).toEqual({
      name: 'Fix login',
      projectId: 'p1',
      repositories: [{ id: 'r1', baseBranch: 'develop' }, { id: 'r2' }],
      primaryRepository: 'empty',
      branch: 'berth/fix-login',
      task: 'Do it\nwell',
    });
  });

  it('leaves out the repositories that are not ticked', () => {
    const picks = picksFor(project).map((p) => (p.id === 'r1' ? { ...p, ticked: false } : p));
    expect(sessionCreateInput({ ...base, project, picks }).repositories).toEqual([{ id: 'r2' }]);
  });
});
