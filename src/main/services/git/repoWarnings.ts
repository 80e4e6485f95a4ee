import * as fs from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';

/** Reads a file at the root of a commit's tree, or null. */
async function rootFile(gitdir: string, commit: string, path: string): Promise<string | null> {
  try {
    const { blob } = await git.readBlob({ fs, gitdir, oid: commit, filepath: path });
    return Buffer.from(blob).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * What works differently for this repository in a sandbox, one sentence each: submodules and LFS
 * objects are not copied (the sandbox has no network and no credentials to fetch them), and a
 * shallow or partial clone has only the history it has.
 */
export async function repoWarnings(gitdir: string, commit: string | null): Promise<string[]> {
  const warnings: string[] = [];
  if (commit) {
    const modules = await rootFile(gitdir, commit, '.gitmodules');
    if (modules !== null) {
      const paths = [...modules.matchAll(/^\s*path\s*=\s*(.+)$/gm)].map((m) => m[1]!.trim());
      warnings.push(
        `Has submodules (${paths.join(', ') || 'see .gitmodules'}): Berth does not copy submodules yet, so their folders stay empty in the sandbox.`,
      );
    }
    const attributes = await rootFile(gitdir, commit, '.gitattributes');
    if (attributes !== null && /filter=lfs/.test(attributes)) {
      warnings.push(
        'Uses Git LFS: files tracked by LFS appear as pointer files in the sandbox (LFS objects are not copied).',
      );
    }
  }
  if (fs.existsSync(join(gitdir, 'shallow'))) {
    warnings.push('Shallow clone: history older than the clone is not in the sandbox either.');
  }
  const config = readConfig(gitdir);
  if (/^\s*promisor\s*=\s*true/im.test(config) || /partialclone/i.test(config)) {
    warnings.push(
      'Partial clone: objects this clone never downloaded cannot be copied; a checkout that needs them fails.',
    );
  }
  return warnings;
}

function readConfig(gitdir: string): string {
  try {
    return fs.readFileSync(join(gitdir, 'config'), 'utf8');
  } catch {
    return '';
  }
}
