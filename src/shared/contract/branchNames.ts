/**
 * Git's rules for branch names (git-check-ref-format), shared by the form that shows the error
 * as the user types and the host that refuses a bad name.
 */

/** The first rule a branch name breaks, as one sentence; null when it is valid. */
export function branchNameError(name: string): string | null {
  if (name.trim() === '') return 'Branch name must not be empty.';
  if (name.length > 200) return 'Branch name must be at most 200 characters.';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(name)) {
    return 'Branch name must not contain spaces, control characters or any of ~ ^ : ? * [ \\.';
  }
  if (name.startsWith('/') || name.endsWith('/'))
    return 'Branch name must not start or end with /.';
  if (name.startsWith('-')) return 'Branch name must not start with -.';
  if (name.includes('//')) return 'Branch name must not contain //.';
  if (name.includes('..')) return 'Branch name must not contain "..".';
  if (name.includes('@{') || name === '@') return 'Branch name must not be @ or contain "@{".';
  if (name.endsWith('.')) return 'Branch name must not end with a dot.';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return 'No part of a branch name may start with a dot.';
    if (part.endsWith('.lock')) return 'No part of a branch name may end with ".lock".';
  }
  return null;
}

/**
 * Text as a slug: lower case ASCII letters, digits and inner dashes (accents dropped), at most
 * `maxLength` characters; `fallback` when nothing is left.
 */
export function slugify(text: string, maxLength: number, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
  return slug === '' ? fallback : slug;
}

/**
 * The session name as a branch-friendly slug, at most 48 characters (room for `berth/` and a
 * `-2` suffix in the usual 64-wide branch lists).
 */
export function sessionSlug(sessionName: string): string {
  return slugify(sessionName, 48, 'session');
}

/** The branch a session works on unless the user edits it: `berth/<session-slug>`. */
export function sessionBranchFor(sessionName: string): string {
  return `berth/${sessionSlug(sessionName)}`;
}

/** The directory name a repository gets under /workspace: its last path segment, cleaned. */
export function repositoryDirName(location: string): string {
  const last =
    location
      .replace(/[\\/]+$/, '')
      .split(/[\\/:]/)
      .pop() ?? '';
  const name = last.replace(/\.git$/, '').replace(/[^A-Za-z0-9._-]+/g, '-');
  return name === '' || name === '.' || name === '..' ? 'repo' : name.slice(0, 64);
}
