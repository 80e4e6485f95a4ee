import { describe, expect, it } from 'vitest';
import { branchStateText, homeResultText } from './repositoryText';

describe('branchStateText', () => {
  it('says the branch, ahead, behind and changed files', () => {
    expect(
      branchStateText({
        repository: 'widgets',
        branch: 'berth/fix-login',
        head: 'abc',
        ahead: 2,
        behind: 0,
        changedFiles: 3,
        changesKey: '1234',
      }),
    ).toBe('berth/fix-login · 2 ahead · 0 behind · 3 changed');
  });
});

describe('homeResultText', () => {
  const result = {
    repository: 'widgets',
    branch: 'berth/fix-login',
    commit: '1a2b3c4d5e6f',
    destination: '/home/me/src/widgets',
    objects: 12,
    bytes: 3000,
  };

  it('says where the branch is now, at which commit, and what travelled', () => {
    expect(homeResultText(result)).toBe(
      'berth/fix-login is in /home/me/src/widgets at 1a2b3c4 (12 objects)',
    );
    expect(homeResultText({ ...result, objects: 1 })).toMatch(/\(1 object\)$/);
    expect(homeResultText({ ...result, objects: 0 })).toMatch(/\(it was already there\)$/);
  });
});
