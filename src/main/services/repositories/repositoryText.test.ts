import { describe, expect, it } from 'vitest';
import { parseUserSection } from '../settings/gitConfigIdentity';
import { parseBranchState, takeSnapshots } from './branchState';
import { draftPullRequest } from './pullRequestDraft';
import { originUrl } from './remoteUrl';

describe('what Berth reads from git text', () => {
  it('splits the branch-state output into whole snapshots', () => {
    const first = takeSnapshots(
      'w\tberth/x\tabc\t1\t0\t2\t4021\t\n--\nw\tberth/x\tabc\t2\t0\t0\t77\t\n',
    );
    expect(first.snapshots).toHaveLength(1);
    expect(parseBranchState(first.snapshots[0]!)).toEqual([
      {
        repository: 'w',
        branch: 'berth/x',
        head: 'abc',
        ahead: 1,
        behind: 0,
        changedFiles: 2,
        changesKey: '4021',
      },
    ]);
    const second = takeSnapshots(`${first.rest}.\n--\n`);
    expect(parseBranchState(second.snapshots[0]!)).toMatchObject([{ ahead: 2, changedFiles: 0 }]);
    expect(second.rest).toBe('');
    expect(
      parseBranchState(['gone\t\t\t0\t0\t0\t\t/workspace/gone is not a git repository']),
    ).toEqual([
      {
        repository: 'gone',
        branch: '',
        head: null,
        ahead: 0,
        behind: 0,
        changedFiles: 0,
        changesKey: '',
        error: '/workspace/gone is not a git repository',
      },
    ]);
  });

  it("reads the user's name and email from a git config", () => {
    const config =
      '[core]\n\tname = not me\n[user]\n\tname = "Ada Lovelace"\n\temail = ada@example.com ; work\n[url "x"]\n\temail = no\n';
    expect(parseUserSection(config)).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(parseUserSection('[User]\nNAME=Grace\n')).toEqual({ name: 'Grace' });
  });

  it("finds origin's URL in a clone's config", () => {
    const config =
      '[remote "upstream"]\n\turl = https://u/x.git\n[remote "origin"]\n\turl = https://github.com/acme/widgets.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n';
    expect(originUrl(config)).toBe('https://github.com/acme/widgets.git');
    expect(originUrl('[core]\n\tbare = false\n')).toBeUndefined();
  });

  it('drafts a pull request from the task and the commits, oldest first', () => {
    const draft = draftPullRequest({
      sessionName: 'Fix login',
      task: 'Fix the login form\n\nIt rejects valid emails.',
      commits: ['Second fix', 'First fix\nbody'],
      base: 'main',
      branch: 'berth/fix-login',
    });
    expect(draft.title).toBe('Fix the login form');
    expect(draft.body).toContain('It rejects valid emails.');
    expect(draft.body).toMatch(/## Commits\n- First fix\n- Second fix/);
    expect(
      draftPullRequest({
        sessionName: 's',
        task: undefined,
        commits: ['Only commit'],
        base: 'main',
        branch: 'b',
      }).title,
    ).toBe('Only commit');
  });
});
