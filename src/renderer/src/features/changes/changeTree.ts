import type { ChangedFile } from '../../../../shared/contract/reviews';

export interface DirNode {
  type: 'dir';
  /** What the row shows: one folder, or a chain of single-child folders joined (`src/main`). */
  name: string;
  /** The folder's full path, without a trailing slash: the key that collapses it. */
  path: string;
  children: TreeNode[];
}

export interface FileNode {
  type: 'file';
  name: string;
  file: ChangedFile;
}

export type TreeNode = DirNode | FileNode;

/** One visible row of the file list, in tree or flat order. */
export type FileListRow =
  | { kind: 'dir'; key: string; depth: number; name: string; path: string; expanded: boolean }
  | { kind: 'file'; key: string; depth: number; name: string; dir: string; file: ChangedFile };

// Numeric so `file2` sorts before `file10`; ties fall back to code points so the order is total.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

interface Building {
  dirs: Map<string, Building>;
  files: FileNode[];
}

/**
 * The changed files as a folder tree: folders first, then files, each by name; a folder with
 * nothing but one folder inside is shown joined with it (`src/main/services`). Paths are split
 * on `/` only (git's separator), so names with spaces, newlines or any Unicode stay whole.
 */
export function buildTree(files: readonly ChangedFile[]): TreeNode[] {
  const root: Building = { dirs: new Map(), files: [] };
  for (const file of files) {
    const parts = file.path.split('/');
    const name = parts.pop() ?? file.path;
    let at = root;
    for (const part of parts) {
      let next = at.dirs.get(part);
      if (!next) {
        next = { dirs: new Map(), files: [] };
        at.dirs.set(part, next);
      }
      at = next;
    }
    at.files.push({ type: 'file', name, file });
  }
  return finish(root, '');
}

function finish(node: Building, prefix: string): TreeNode[] {
  const dirs = [...node.dirs.entries()]
    .sort(([a], [b]) => compareNames(a, b))
    .map(([name, child]): DirNode => {
      let label = name;
      let path = prefix + name;
      let inner = child;
      // Join single-child folder chains, as editors do, so deep trees stay narrow.
      while (inner.files.length === 0 && inner.dirs.size === 1) {
        const [[nextName, next]] = [...inner.dirs.entries()] as [[string, Building]];
        label = `${label}/${nextName}`;
        path = `${path}/${nextName}`;
        inner = next;
      }
      return { type: 'dir', name: label, path, children: finish(inner, `${path}/`) };
    });
  const files = [...node.files].sort((a, b) => compareNames(a.name, b.name));
  return [...dirs, ...files];
}

/** The rows a tree shows, depth first, skipping what is inside collapsed folders. */
export function treeRows(
  nodes: readonly TreeNode[],
  collapsed: ReadonlySet<string>,
): FileListRow[] {
  const rows: FileListRow[] = [];
  const walk = (list: readonly TreeNode[], depth: number, dir: string): void => {
    for (const node of list) {
      if (node.type === 'dir') {
        const expanded = !collapsed.has(node.path);
        rows.push({
          kind: 'dir',
          key: `d:${node.path}`,
          depth,
          name: node.name,
          path: node.path,
          expanded,
        });
        if (expanded) walk(node.children, depth + 1, node.path);
      } else {
        rows.push({
          kind: 'file',
          key: `f:${node.file.path}`,
          depth,
          name: node.name,
          dir,
          file: node.file,
        });
      }
    }
  };
  walk(nodes, 0, '');
  return rows;
}

/** The rows of the flat list: every file by its full path, its folder shown beside its name. */
export function listRows(files: readonly ChangedFile[]): FileListRow[] {
  return [...files]
    .sort((a, b) => compareNames(a.path, b.path))
    .map((file) => {
      const slash = file.path.lastIndexOf('/');
      return {
        kind: 'file',
        key: `f:${file.path}`,
        depth: 0,
        name: file.path.slice(slash + 1),
        dir: slash < 0 ? '' : file.path.slice(0, slash),
        file,
      };
    });
}

/** Every file in the order the tree shows them (collapsed folders included): next/previous file. */
export function treeFileOrder(nodes: readonly TreeNode[]): ChangedFile[] {
  const files: ChangedFile[] = [];
  const walk = (list: readonly TreeNode[]): void => {
    for (const node of list) {
      if (node.type === 'dir') walk(node.children);
      else files.push(node.file);
    }
  };
  walk(nodes);
  return files;
}

/** The folders a file is in (`a`, `a/b` for `a/b/c`): expanded when the file is selected. */
export function foldersOf(path: string): string[] {
  const parts = path.split('/');
  const folders: string[] = [];
  for (let i = 1; i < parts.length; i += 1) folders.push(parts.slice(0, i).join('/'));
  return folders;
}
