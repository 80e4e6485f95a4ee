import { matchesGlob, posix } from 'node:path';
import { capText } from './cap';
import { runScript } from './sandboxScript';
import { toolError } from './toolError';
import { displayPath, resolveToolPath } from './toolPaths';
import { toolLimits, type ListFilesInput } from './toolSchemas';
import type { ToolContext, ToolOutcome } from './toolTypes';

/** Directories nobody wants listed, when no .gitignore says so (vibe's grep excludes). */
export const defaultExcludes = ['node_modules', '.git', 'dist', 'build', '.venv', '__pycache__'];

/** More files than this in one tree are not read at all: 200,000 paths are ~10 MB to move. */
const maxScanned = 200_000;

/**
 * One exec: every file under BASE, NUL-separated and relative to it. In a git work tree that is
 * `git ls-files` (tracked plus untracked, .gitignore respected), else `find` without the default
 * excludes. argv: BASE MAX_SCANNED EXCLUDE…
 */
const script = String.raw`
base=$1 cap=$2
shift 2
[ -e "$base" ] || fail "missing"
[ -d "$base" ] || fail "notdir"
cd -- "$base" 2>/dev/null || fail "unreadable"
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mode=git
  timeout -k 2 30 git ls-files -z --cached --others --exclude-standard 2>/dev/null \
    | head -z -n "$cap" > "$out"
else
  mode=find
  # The excludes in "$@" become "-name X -o" in place.
  n=$#
  while [ "$n" -gt 0 ]; do set -- "$@" -name "$1" -o; shift; n=$((n - 1)); done
  timeout -k 2 30 find . \( "$@" -false \) -prune -o \( -type f -o -type l \) \
    -printf '%P\0' 2>/dev/null | head -z -n "$cap" > "$out"
fi
frame paths "$out" "$mode"
`;

const problems: Record<string, (path: string) => string> = {
  missing: (p) => `${p} does not exist`,
  notdir: (p) => `${p} is a file, not a directory; give its directory as path`,
  unreadable: (p) => `${p} is not readable by the sandbox user`,
};

/** Files matching a glob under a directory, .gitignore respected, sorted, capped. */
export async function listFiles(input: ListFilesInput, ctx: ToolContext): Promise<ToolOutcome> {
  const resolved = resolveToolPath(ctx.repoDir, input.path ?? '.');
  if (!resolved.ok) return toolError(resolved.error);
  const base = resolved.path;
  const shownBase = displayPath(ctx.repoDir, base);
  const pattern = globRelativeTo(base, input.pattern);
  const max = input.max_results ?? toolLimits.listResults;
  const outcome = await runScript(ctx, script, [base, String(maxScanned), ...defaultExcludes], {
    doing: `Listing ${shownBase}`,
  });
  if (!outcome.ok) return toolError(problems[outcome.error]?.(shownBase) ?? outcome.error);
  const frame = outcome.frames[0];
  if (!frame) throw new Error('list_files: the script gave no paths.');

  const scanned = frame.body
    .toString('utf8')
    .split('\0')
    .filter((file) => file !== '');
  const matched = scanned
    .filter((file) => matchesGlob(file, pattern))
    .sort()
    .map((file) => displayPath(ctx.repoDir, posix.join(base, file)));
  const paths = matched.slice(0, max);
  const truncated = matched.length > max;
  const notes: string[] = [];
  if (truncated) {
    notes.push(`[${matched.length - max} more not shown; narrow the pattern or raise max_results]`);
  }
  if (scanned.length >= maxScanned) {
    notes.push(`[only the first ${maxScanned} files under ${shownBase} were looked at]`);
  }
  const listing =
    paths.length === 0 ? `No files match ${input.pattern} under ${shownBase}.` : paths.join('\n');
  return {
    status: 'ok',
    modelOutput: capText([listing, ...notes].join('\n')).text,
    summary: truncated
      ? `${paths.length} of ${matched.length} files match ${input.pattern}`
      : `${paths.length} ${paths.length === 1 ? 'file matches' : 'files match'} ${input.pattern}`,
    detail: { type: 'list', pattern: input.pattern, paths, truncated },
  };
}

/** The glob as a path under `base`: `./x` and an absolute glob inside `base` are made relative. */
function globRelativeTo(base: string, pattern: string): string {
  if (pattern.startsWith(`${base}/`)) return pattern.slice(base.length + 1);
  return pattern.replace(/^(\.\/)+/, '');
}
