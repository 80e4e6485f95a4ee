import * as fs from 'node:fs';
import { join } from 'node:path';

/**
 * What works differently for a repository in a sandbox, one sentence each: submodules and LFS
 * objects are not copied (the sandbox has no network and no credentials to fetch them), and a
 * shallow or partial clone has only the history it has.
 */

/** Warnings from the text of the tree's `.gitmodules` and `.gitattributes` (null: absent). */
export function treeWarnings(gitmodules: string | null, gitattributes: string | null): string[] {
  const warnings: string[] = [];
  if (gitmodules !== null) {
    const paths = [...gitmodules.matchAll(/^\s*path\s*=\s*(.+)$/gm)].map((m) => m[1]!.trim());
    warnings.push(
      `Has submodules (${paths.join(', ') || 'see .gitmodules'}): Berth does not copy submodules yet, so their folders stay empty in the sandbox.`,
    );
  }
  if (gitattributes !== null && /filter=lfs/.test(gitattributes)) {
    warnings.push(
      'Uses Git LFS: files tracked by LFS appear as pointer files in the sandbox (LFS objects are not copied).',
    );
  }
  return warnings;
}

/** Warnings that come from the host clone itself: shallow or partial history. */
export function cloneWarnings(gitdir: string): string[] {
  const warnings: string[] = [];
  if (fs.existsSync(join(gitdir, 'shallow'))) {
    warnings.push('Shallow clone: history older than the clone is not in the sandbox either.');
  }
  const config = readText(join(gitdir, 'config')) ?? '';
  if (/^\s*promisor\s*=\s*true/im.test(config) || /partialclone/i.test(config)) {
    warnings.push(
      'Partial clone: objects this clone never downloaded cannot be copied; a checkout that needs them fails.',
    );
  }
  return warnings;
}

export function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
