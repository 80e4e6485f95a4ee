import { describe, expect, it } from 'vitest';
import { branchNameError, repositoryDirName, sessionBranchFor } from './branchNames';

describe('branch names', () => {
  it('makes berth/<slug> from any session name', () => {
    expect(sessionBranchFor('Fix login')).toBe('berth/fix-login');
    expect(sessionBranchFor('  Été 2026: café!  ')).toBe('berth/ete-2026-cafe');
    expect(sessionBranchFor('日本語')).toBe('berth/session');
    expect(sessionBranchFor('x'.repeat(80))).toBe(`berth/${'x'.repeat(48)}`);
    for (const name of ['Fix login', 'a..b', 'tail.', 'x.lock']) {
      expect(branchNameError(sessionBranchFor(name))).toBeNull();
    }
  });

  it("refuses what git's check-ref-format refuses", () => {
    for (const bad of [
      '',
      'a b',
      'a..b',
      'a~1',
      'a^',
      'a:b',
      'a?',
      'a*',
      'a[',
      'a\\b',
      '/a',
      'a/',
      'a//b',
      '.a',
      'a/.b',
      'a.lock',
      'a.',
      '@',
      'a@{1}',
      '-a',
      'a\u0001',
    ]) {
      expect(branchNameError(bad), bad).not.toBeNull();
    }
    for (const good of ['main', 'berth/fix-login', 'feature/x.y', 'release-1.2', 'a@b']) {
      expect(branchNameError(good), good).toBeNull();
    }
  });

  it('names the repository directory after its path or URL', () => {
    expect(repositoryDirName('/home/me/src/widgets')).toBe('widgets');
    expect(repositoryDirName('/home/me/src/widgets/')).toBe('widgets');
    expect(repositoryDirName('https://github.com/acme/widgets.git')).toBe('widgets');
    expect(repositoryDirName('https://example.com/a/my repo')).toBe('my-repo');
    expect(repositoryDirName('/')).toBe('repo');
  });
});
