import { describe, expect, it } from 'vitest';
import { directoriesBetween, displayPath, resolveToolPath } from './toolPaths';

const repo = '/workspace/app';

describe('resolveToolPath', () => {
  it('resolves relative paths against the repository', () => {
    expect(resolveToolPath(repo, 'src/a.ts')).toEqual({
      ok: true,
      path: '/workspace/app/src/a.ts',
    });
    expect(resolveToolPath(repo, './src/../b.ts')).toEqual({
      ok: true,
      path: '/workspace/app/b.ts',
    });
    expect(resolveToolPath(repo, '.')).toEqual({ ok: true, path: '/workspace/app' });
    expect(resolveToolPath(repo, '../other/x')).toEqual({ ok: true, path: '/workspace/other/x' });
  });

  it('takes absolute paths under /workspace only', () => {
    expect(resolveToolPath(repo, '/workspace/lib/x.ts')).toEqual({
      ok: true,
      path: '/workspace/lib/x.ts',
    });
    expect(resolveToolPath(repo, '/workspace')).toEqual({ ok: true, path: '/workspace' });
    for (const outside of ['/etc/passwd', '/workspace2/x', '/tmp', '/']) {
      const result = resolveToolPath(repo, outside);
      expect(result.ok).toBe(false);
    }
  });

  it('refuses paths that climb out after `..` is folded', () => {
    const result = resolveToolPath(repo, '../../etc/passwd');
    expect(result).toEqual({
      ok: false,
      error:
        '../../etc/passwd is outside /workspace; use a path relative to /workspace/app or under /workspace',
    });
    expect(resolveToolPath(repo, '/workspace/app/../../root').ok).toBe(false);
    expect(resolveToolPath(repo, '').ok).toBe(false);
    expect(resolveToolPath(repo, 'a\0b').ok).toBe(false);
  });
});

describe('displayPath and directoriesBetween', () => {
  it('shows paths relative to the repository when inside it', () => {
    expect(displayPath(repo, '/workspace/app/src/a.ts')).toBe('src/a.ts');
    expect(displayPath(repo, '/workspace/app')).toBe('.');
    expect(displayPath(repo, '/workspace/other/a.ts')).toBe('/workspace/other/a.ts');
  });

  it('lists the directories between a file and the repository, nearest first', () => {
    expect(directoriesBetween(repo, '/workspace/app/a/b/c.ts')).toEqual([
      '/workspace/app/a/b',
      '/workspace/app/a',
    ]);
    expect(directoriesBetween(repo, '/workspace/app/c.ts')).toEqual([]);
    expect(directoriesBetween(repo, '/workspace/other/c.ts')).toEqual([]);
    expect(directoriesBetween('/workspace', '/workspace/a/b.ts')).toEqual(['/workspace/a']);
  });
});
