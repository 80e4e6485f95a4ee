import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../../../shared/contract/reviews';
import { buildTree, foldersOf, listRows, treeFileOrder, treeRows } from './changeTree';

const file = (path: string, extra: Partial<ChangedFile> = {}): ChangedFile => ({
  path,
  status: 'modified',
  additions: 1,
  deletions: 0,
  untracked: false,
  ...extra,
});

const names = (rows: ReturnType<typeof treeRows>) =>
  rows.map((r) => `${'  '.repeat(r.depth)}${r.kind === 'dir' ? `${r.name}/` : r.name}`);

describe('buildTree and treeRows', () => {
  it('puts folders first, sorts by name with numbers in order, and joins single-child chains', () => {
    const tree = buildTree([
      file('README.md'),
      file('src/main/services/reviews/service.ts'),
      file('src/main/services/reviews/anchors.ts'),
      file('src/renderer/file10.ts'),
      file('src/renderer/file2.ts'),
      file('a.txt'),
    ]);
    expect(names(treeRows(tree, new Set()))).toEqual([
      'src/',
      '  main/services/reviews/',
      '    anchors.ts',
      '    service.ts',
      '  renderer/',
      '    file2.ts',
      '    file10.ts',
      'a.txt',
      'README.md',
    ]);
  });

  it('keeps spaces, Unicode and newlines inside a name whole; splits on / only', () => {
    const odd = ['docs/read me.md', 'docs/naïve 😀/ünï.txt', 'new\nline/x', 'tab\tname'];
    const tree = buildTree(odd.map((p) => file(p)));
    const rows = treeRows(tree, new Set());
    expect(names(rows)).toEqual([
      'docs/',
      '  naïve 😀/',
      '    ünï.txt',
      '  read me.md',
      'new\nline/',
      '  x',
      'tab\tname',
    ]);
    const paths = rows.flatMap((r) => (r.kind === 'file' ? [r.file.path] : []));
    expect(paths.sort()).toEqual([...odd].sort());
  });

  it('keeps a file and a folder of the same name apart (a file replaced by a folder)', () => {
    const tree = buildTree([file('a', { status: 'deleted' }), file('a/b', { status: 'added' })]);
    expect(names(treeRows(tree, new Set()))).toEqual(['a/', '  b', 'a']);
  });

  it('hides what is inside a collapsed folder, and keys rows by full path', () => {
    const tree = buildTree([file('src/a.ts'), file('src/lib/b.ts'), file('c.ts')]);
    const rows = treeRows(tree, new Set(['src']));
    expect(rows.map((r) => r.key)).toEqual(['d:src', 'f:c.ts']);
    expect(rows[0]).toMatchObject({ kind: 'dir', expanded: false });
    const open = treeRows(tree, new Set(['src/lib']));
    expect(open.map((r) => r.key)).toEqual(['d:src', 'd:src/lib', 'f:src/a.ts', 'f:c.ts']);
  });

  it('lists files in tree order for next and previous, collapsed folders included', () => {
    const tree = buildTree([file('z.ts'), file('lib/b.ts'), file('lib/a.ts')]);
    expect(treeFileOrder(tree).map((f) => f.path)).toEqual(['lib/a.ts', 'lib/b.ts', 'z.ts']);
  });
});

describe('listRows', () => {
  it('sorts by full path and shows the folder beside the name', () => {
    const rows = listRows([file('src/b.ts'), file('top.md'), file('src/a b/c.ts')]);
    expect(rows.map((r) => (r.kind === 'file' ? [r.dir, r.name] : []))).toEqual([
      ['src/a b', 'c.ts'],
      ['src', 'b.ts'],
      ['', 'top.md'],
    ]);
  });
});

describe('foldersOf', () => {
  it('names every folder a path is in', () => {
    expect(foldersOf('a/b/c.ts')).toEqual(['a', 'a/b']);
    expect(foldersOf('c.ts')).toEqual([]);
  });
});
