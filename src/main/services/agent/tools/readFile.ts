import { posix } from 'node:path';
import { runScript, type Frame } from './sandboxScript';
import { directoriesBetween, displayPath, resolveToolPath } from './toolPaths';
import { toolLimits, type ReadFileInput } from './toolSchemas';
import { toolError } from './toolError';
import type { ToolContext, ToolOutcome } from './toolTypes';

/** A line longer than this is cut in the listing (minified code); 2,000 bytes as codex does. */
const maxLineBytes = 2000;
/** A nested AGENTS.md appended to a read keeps at most this much. */
const nestedInstructionsBytes = 16 * 1024;

/**
 * One exec: checks the file, hashes it, numbers the asked lines with awk (bytes capped) and
 * prints the nested AGENTS.md files of the directories given after the options.
 * argv: FILE OFFSET LIMIT MAX_BYTES MAX_LINE_BYTES NESTED_BYTES DIR…
 */
const script = String.raw`
f=$1 offset=$2 limit=$3 maxBytes=$4 maxLine=$5 nestedBytes=$6
shift 6
[ -e "$f" ] || fail "missing"
[ -d "$f" ] && fail "directory"
[ -r "$f" ] || fail "unreadable"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# Binary as git sees it: a NUL byte in the first 8000 bytes.
head -c 8000 -- "$f" > "$tmp/head"
[ "$(tr -d '\000' < "$tmp/head" | wc -c)" = "$(wc -c < "$tmp/head")" ] || fail "binary"
# Hash first, then read: a change in between leaves a hash the edit guard will refuse.
sum=$(sha256sum < "$f" | cut -d ' ' -f 1)
[ -n "$sum" ] || exit 1
LC_ALL=C awk -v off="$offset" -v lim="$limit" -v maxb="$maxBytes" -v maxl="$maxLine" \
  -v stats="$tmp/stats" '
  { sub(/\r$/, "") }
  !full && NR >= off && NR < off + lim {
    line = $0
    if (length(line) > maxl) line = substr(line, 1, maxl) " [… line cut at " maxl " bytes]"
    out = sprintf("%6d\t%s\n", NR, line)
    if (bytes + length(out) > maxb) { full = 1; next }
    printf "%s", out
    bytes += length(out); last = NR
  }
  END { printf "%d %d\n", NR, last > stats }' "$f" > "$tmp/lines" || exit 1
read -r total last < "$tmp/stats"
frame lines "$tmp/lines" "$sum" "$total" "$last"
i=0
for dir in "$@"; do
  for name in AGENTS.override.md AGENTS.md; do
    if [ -f "$dir/$name" ] && [ -r "$dir/$name" ]; then
      head -c "$nestedBytes" -- "$dir/$name" > "$tmp/agents"
      frame agents "$tmp/agents" "$i" "$name" "$(wc -c < "$dir/$name")"
      break
    fi
  done
  i=$((i + 1))
done
`;

const problems: Record<string, (path: string) => string> = {
  missing: (p) => `${p} does not exist; find files with list_files`,
  directory: (p) => `${p} is a directory; list it with list_files`,
  unreadable: (p) => `${p} is not readable by the sandbox user`,
  binary: (p) => `${p} is a binary file; inspect it with run_command (file, xxd, …)`,
};

/** Reads numbered lines of a text file and appends the AGENTS.md files met on the way. */
export async function readFile(input: ReadFileInput, ctx: ToolContext): Promise<ToolOutcome> {
  const resolved = resolveToolPath(ctx.repoDir, input.path);
  if (!resolved.ok) return toolError(resolved.error);
  const file = resolved.path;
  const shown = displayPath(ctx.repoDir, file);
  const offset = input.offset ?? 1;
  const limit = Math.min(input.limit ?? toolLimits.readLines, toolLimits.readLines);
  const dirs = directoriesBetween(ctx.repoDir, file).filter(
    (dir) => !ctx.memory.instructionDirs.has(dir),
  );
  const outcome = await runScript(
    ctx,
    script,
    [
      file,
      String(offset),
      String(limit),
      String(toolLimits.readBytes),
      String(maxLineBytes),
      String(nestedInstructionsBytes),
      ...dirs,
    ],
    { doing: `Reading ${shown}` },
  );
  if (!outcome.ok) return toolError(problems[outcome.error]?.(shown) ?? outcome.error);

  const [lines, ...agents] = outcome.frames;
  if (!lines || lines.name !== 'lines') throw new Error('read_file: the script gave no lines.');
  const [sha = '', totalText = '0', lastText = '0'] = lines.args;
  const total = Number(totalText);
  const last = Number(lastText);
  ctx.memory.readHashes.set(file, sha);
  if (total > 0 && offset > total) {
    return toolError(`offset ${offset} is past the end of ${shown}, which has ${total} lines`);
  }
  const numbered = lines.body.toString('utf8');
  const end = Math.max(last, offset - 1);
  const parts = [total === 0 ? '(empty file)' : numbered.replace(/\n$/, '')];
  if (end < total) {
    parts.push(`[lines ${offset}–${end} of ${total}; continue with offset=${end + 1}]`);
  }
  parts.push(...nestedInstructions(agents, dirs, ctx));

  return {
    status: 'ok',
    modelOutput: parts.join('\n\n'),
    summary:
      total === 0
        ? `read ${shown} (empty)`
        : end - offset + 1 === total
          ? `read ${shown} (${total} lines)`
          : `read lines ${offset}–${end} of ${total} in ${shown}`,
    detail: {
      type: 'read',
      path: shown,
      startLine: offset,
      endLine: end,
      totalLines: total,
      content: numbered.replace(/^ *\d+\t/gm, ''),
    },
  };
}

/** The nested AGENTS.md files as sections of the result, each directory only once a session. */
function nestedInstructions(frames: Frame[], dirs: string[], ctx: ToolContext): string[] {
  const sections: string[] = [];
  // The nearest directory applies most: list the outermost first, as the prompt's order goes.
  for (const frame of [...frames].reverse()) {
    const [index = '', name = 'AGENTS.md', size = '0'] = frame.args;
    const dir = dirs[Number(index)];
    if (dir === undefined) continue;
    ctx.memory.instructionDirs.add(dir);
    const text = frame.body.toString('utf8').trim();
    if (text === '') continue;
    const cut =
      Number(size) > frame.body.length ? '\n[… truncated; read_file it for the rest]' : '';
    sections.push(
      `<instructions from="${posix.join(dir, name)}">\nThese apply to files in ${dir} and below.\n\n${text}${cut}\n</instructions>`,
    );
  }
  return sections;
}
