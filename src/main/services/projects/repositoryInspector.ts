import * as fs from 'node:fs';
import { join } from 'node:path';
import {
  repositoryDirName,
  type RepositoryInspection,
  type RepositorySource,
} from '../../../shared/contract';
import { defaultBranch, listBranches, normalizePath, openHostRepo } from '../git/hostRepository';
import { listRemoteBranches } from '../git/remoteAccess';
import { cloneWarnings, readText, treeWarnings } from '../git/repoWarnings';
import type { SettingsService } from '../settings/settingsService';

/** A source as it is stored: paths absolute and resolved, URLs trimmed. */
export function normalizeSource(source: RepositorySource): RepositorySource {
  if (source.kind === 'url') return { kind: 'url', url: source.url.trim() };
  const path = normalizePath(source.path);
  try {
    return { kind: 'path', path: fs.realpathSync(path) };
  } catch {
    return { kind: 'path', path };
  }
}

/** The same repository named two ways (a trailing slash, `.git`, letter case of the host). */
export function sourceKey(source: RepositorySource): string {
  if (source.kind === 'path') {
    const normal = normalizeSource(source);
    return `path:${normal.kind === 'path' ? normal.path : ''}`;
  }
  try {
    const url = new URL(source.url.trim());
    return `url:${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '').replace(/\.git$/, '')}`;
  } catch {
    return `url:${source.url}`;
  }
}

/** Looks at a repository without saving anything: branches, default branch, warnings. */
export async function inspectRepository(
  source: RepositorySource,
  settings: SettingsService,
): Promise<RepositoryInspection> {
  if (source.kind === 'url') {
    const { branches, defaultBranch: fallback } = await listRemoteBranches(
      source.url,
      settings.credentialsFor(source.url),
    );
    return {
      name: repositoryDirName(source.url),
      branches: defaultFirst(branches, fallback),
      defaultBranch: fallback,
      warnings: [],
    };
  }
  const repo = openHostRepo(source.path);
  const branches = await listBranches(repo.gitdir);
  const fallback = await defaultBranch(repo, branches);
  // The working tree's files stand in for the default branch's: reading them from the object
  // store with isomorphic-git loads whole packs into memory, far too slow for a form.
  const hasTree = repo.path !== repo.gitdir;
  const warnings = [
    ...(hasTree
      ? treeWarnings(
          readText(join(repo.path, '.gitmodules')),
          readText(join(repo.path, '.gitattributes')),
        )
      : []),
    ...cloneWarnings(repo.gitdir),
  ];
  if (branches.length === 0)
    warnings.unshift('No commits yet: sessions start an empty branch here.');
  return {
    name: repositoryDirName(repo.path),
    branches: defaultFirst(branches, fallback),
    defaultBranch: fallback,
    warnings,
  };
}

function defaultFirst(branches: string[], first: string | null): string[] {
  return first ? [first, ...branches.filter((b) => b !== first)] : branches;
}
