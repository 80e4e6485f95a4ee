import { matchesGlob, posix } from 'node:path';
import type { SearchDetail } from '../../../../shared/contract';
import { capText } from './cap';
import { defaultExcludes } from './listFiles';
import { runScript } from './sandboxScript';
import { toolError } from './toolError';
import { displayPath, resolveToolPath } from './toolPaths';
import { toolLimits, type SearchInput } from './toolSchemas';
import type { ToolContext, ToolOutcome } from './toolTypes';

/** A matching line is cut here in the sandbox (minified files), and shorter for the model. */
const lineBytes = 1000;
const modelLineChars = 300;

/**
 * One exec: `git grep` in a git work tree (tracked and untracked files, .gitignore respected),
 * `grep -r` elsewhere; the pattern is an argument after `-e`, never shell text. Output is cut
 * per line, then to MAX_LINES lines and MAX_BYTES bytes, under `timeout`.
 * argv: BASE PATTERN ICASE MAX_LINES MAX_BYTES SECONDS LINE_BYTES GIT_GLOB INCLUDE EXCLUDE…
 */
const script = String.raw`
base=$1 pat=$2 icase=$3 maxLines=$4 maxBytes=$5 secs=$6 lineBytes=$7 gitGlob=$8 include=$9
shift 9
[ -e "$base" ] || fail "missing"
if [ -d "$base" ]; then dir=$base target=.; else dir=$(dirname -- "$base") target=$(basename -- "$base"); fi
cd -- "$dir" 2>/dev/null || fail "unreadable"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mode=git
  set -- git grep -z -n -I -E --untracked --no-color
  [ "$icase" = 1 ] && set -- "$@" -i
  set -- "$@" -e "$pat" --
  if [ "$target" != . ]; then set -- "$@" "$target"; elif [ -n "$gitGlob" ]; then set -- "$@" ":(glob)$gitGlob"; fi
else
  mode=grep
  # The excludes in "$@" become --exclude-dir options in place.
  n=$#
  while [ "$n" -gt 0 ]; do set -- "$@" "--exclude-dir=$1"; shift; n=$((n - 1)); done
  set -- grep -r -n -I -Z -E "$@"
  [ "$icase" = 1 ] && set -- "$@" -i
  [ -n "$include" ] && set -- "$@" "--include=$include"
  set -- "$@" -e "$pat" -- "$target"
fi
{ timeout -k 2 "$secs" "$@" 2>"$tmp/err"; echo "$?" > "$tmp/rc"; } | cut -b "1-$lineBytes" \
  | head -n "$maxLines" | head -c "$maxBytes" > "$tmp/out"
read -r rc < "$tmp/rc"
# 1: no match; 124: timed out; 141: head had enough; grep says 2 for an unreadable file too.
if [ "$rc" -gt 1 ] && [ "$rc" != 124 ] && [ "$rc" != 141 ] && ! { [ "$mode" = grep ] && [ -s "$tmp/out" ]; }; then
  fail "$(head -c 1000 "$tmp/err")"
fi
kind=d
[ "$target" = . ] || kind=f
frame matches "$tmp/out" "$mode" "$rc" "$kind"
`;

/** Lines matching a regular expression, with their file and line number, capped. */
export async function search(input: SearchInput, ctx: ToolContext): Promise<ToolOutcome> {
  const resolved = resolveToolPath(ctx.repoDir, input.path ?? '.');
  if (!resolved.ok) return toolError(resolved.error);
  const base = resolved.path;
  const shownBase = displayPath(ctx.repoDir, base);
  const max = input.max_matches ?? toolLimits.searchMatches;
  const glob = input.glob?.replace(/^(\.\/)+/, '');
  // A glob without a slash matches a file name at any depth (ripgrep's and .gitignore's rule).
  const byName = glob !== undefined && !glob.includes('/');
  const outcome = await runScript(
    ctx,
    script,
    [
      base,
      input.pattern,
      input.ignore_case ? '1' : '0',
      String(max + 1),
      String(toolLimits.searchOutputBytes),
      String(toolLimits.searchTimeoutS),
      String(lineBytes),
      glob === undefined ? '' : byName ? `**/${glob}` : glob,
      byName ? glob : '',
      ...defaultExcludes,
    ],
    { doing: `Searching ${shownBase}`, timeoutMs: (toolLimits.searchTimeoutS + 30) * 1000 },
  );
  if (!outcome.ok) {
    if (outcome.error === 'missing') return toolError(`${shownBase} does not exist`);
    if (outcome.error === 'unreadable') return toolError(`${shownBase} is not readable`);
    return toolError(`search failed: ${outcome.error}`);
  }
  const frame = outcome.frames[0];
  if (!frame) throw new Error('search: the script gave no matches.');
  const [mode = 'git', rc = '0', kind = 'd'] = frame.args;
  const dir = kind === 'f' ? posix.dirname(base) : base;
  const fullOutput = frame.body.length >= toolLimits.searchOutputBytes;
  // The last line is partial when the byte cap cut it, and empty after a final newline.
  const lines = frame.body.toString('utf8').split('\n').slice(0, -1);
  let found = lines.flatMap((line) => parseLine(line, mode));
  // grep has no path globs: those are matched here, after the fact.
  if (mode === 'grep' && kind === 'd' && glob !== undefined && !byName) {
    found = found.filter((m) => matchesGlob(m.path, glob));
  }
  const truncated = found.length > max || fullOutput || rc === '124';
  const matches = found
    .slice(0, max)
    .map((m) => ({ ...m, path: displayPath(ctx.repoDir, posix.join(dir, m.path)) }));
  const files = new Set(matches.map((m) => m.path)).size;

  const notes: string[] = [];
  if (rc === '124')
    notes.push(`[search stopped after ${toolLimits.searchTimeoutS} s; narrow path or glob]`);
  else if (truncated) notes.push(`[more matches not shown; narrow the pattern, path or glob]`);
  const listing =
    matches.length === 0
      ? `No matches for ${input.pattern} in ${shownBase}.`
      : matches
          .map(
            (m) =>
              `${m.path}:${m.line}: ${m.text.length > modelLineChars ? `${m.text.slice(0, modelLineChars)}…` : m.text}`,
          )
          .join('\n');
  const detail: SearchDetail = { type: 'search', pattern: input.pattern, matches, truncated };
  return {
    status: 'ok',
    modelOutput: capText([listing, ...notes].join('\n')).text,
    summary:
      matches.length === 0
        ? `no matches for ${input.pattern}`
        : `${matches.length}${truncated ? '+' : ''} ${matches.length === 1 ? 'match' : 'matches'} in ${files} ${files === 1 ? 'file' : 'files'}`,
    detail,
  };
}

/** `path\0line\0text` from git grep -z, `path\0line:text` from grep -Z. */
function parseLine(line: string, mode: string): { path: string; line: number; text: string }[] {
  const first = line.indexOf('\0');
  if (first === -1) return [];
  const path = line.slice(0, first).replace(/^\.\//, '');
  const rest = line.slice(first + 1);
  const separator = mode === 'git' ? rest.indexOf('\0') : rest.indexOf(':');
  if (separator === -1) return [];
  const number = Number(rest.slice(0, separator));
  if (!Number.isInteger(number)) return [];
  return [{ path, line: number, text: rest.slice(separator + 1).replace(/\r$/, '') }];
}
