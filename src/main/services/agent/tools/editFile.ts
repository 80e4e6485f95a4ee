import { createHash } from 'node:crypto';
import { runScript } from './sandboxScript';
import { toolError } from './toolError';
import { displayPath, resolveToolPath } from './toolPaths';
import type { EditInput } from './toolSchemas';
import type { ToolContext, ToolOutcome } from './toolTypes';

/** The whole file crosses the exec twice; past 5 MiB a sed or a script does better. */
const maxEditBytes = 5 * 1024 * 1024;
/** The diff kept for the log and the changes view. */
const maxDiffBytes = 256 * 1024;

/** argv: FILE MAX_BYTES. The file's bytes, through a temp copy so the frame size holds. */
const fetchScript = String.raw`
f=$1 max=$2
[ -e "$f" ] || fail "missing"
[ -d "$f" ] && fail "directory"
[ -r "$f" ] || fail "unreadable"
size=$(stat -L -c %s -- "$f") || exit 1
[ "$size" -le "$max" ] || fail "toobig $size"
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
cat -- "$f" > "$tmp" || exit 1
frame content "$tmp"
`;

/**
 * argv: FILE EXPECTED_SHA256 LABEL; stdin: the new content. Writes a temp file beside the
 * target (same filesystem, so mv is an atomic rename), refuses if the file changed since it was
 * fetched, keeps the mode, prints `diff -u` of the change, then moves the temp file into place.
 * A symlink is followed, so the link stays a link. The mtime always moves to a new second.
 */
const writeScript = String.raw`
f=$(readlink -f -- "$1") expect=$2 label=$3
[ -f "$f" ] || fail "missing"
new=$(mktemp -p "$(dirname -- "$f")" .berth-edit.XXXXXX 2>/dev/null) || fail "nowrite"
diff=$(mktemp) || exit 1
trap 'rm -f "$new" "$diff"' EXIT
cat > "$new" || exit 1
[ "$(sha256sum < "$f" | cut -d ' ' -f 1)" = "$expect" ] || fail "stale"
chmod --reference="$f" -- "$new" 2>/dev/null
before=$(stat -c %Y -- "$f")
LC_ALL=C diff -U3 --label "a/$label" --label "b/$label" -- "$f" "$new" | head -c "$4" > "$diff"
mv -f -- "$new" "$f" 2>/dev/null || fail "nowrite"
# Python's .pyc check (and make on coarse clocks) compare whole-second mtimes and sizes: a
# same-size edit within the second of the last write would go unseen, so move the time on.
if [ "$(stat -c %Y -- "$f")" = "$before" ]; then touch -m -d "@$((before + 1))" -- "$f"; fi
frame diff "$diff"
`;

export const sha256 = (data: Buffer | string): string =>
  createHash('sha256').update(data).digest('hex');

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Replaces an exact, unique string in a file the agent has read, atomically. */
export async function editFile(input: EditInput, ctx: ToolContext): Promise<ToolOutcome> {
  const resolved = resolveToolPath(ctx.repoDir, input.path);
  if (!resolved.ok) return toolError(resolved.error);
  const file = resolved.path;
  const shown = displayPath(ctx.repoDir, file);
  if (input.old_string === input.new_string) {
    return toolError('old_string and new_string are the same; nothing to change');
  }

  const fetched = await runScript(ctx, fetchScript, [file, String(maxEditBytes)], {
    doing: `Reading ${shown} to edit it`,
  });
  if (!fetched.ok) return toolError(fetchProblem(fetched.error, shown));
  const before = fetched.frames[0]?.body;
  if (!before) throw new Error('edit: the script gave no content.');
  const hash = sha256(before);
  const known = ctx.memory.readHashes.get(file);
  if (known === undefined) {
    return toolError(`You have not read ${shown} in this session; read_file it first, then edit.`);
  }
  if (known !== hash) return toolError(changedSinceRead(shown));
  let text: string;
  try {
    text = strictUtf8.decode(before);
  } catch {
    return toolError(`${shown} is not UTF-8 text; change it with run_command instead`);
  }

  const crlf = usesCrlf(text);
  const lineEndings = (s: string) =>
    crlf ? s.replace(/\r?\n/g, '\r\n') : s.replace(/\r\n/g, '\n');
  const oldString = lineEndings(input.old_string);
  const newString = lineEndings(input.new_string);
  const count = occurrences(text, oldString);
  if (count === 0) {
    const hint = /^ *\d+\t/m.test(input.old_string)
      ? ` old_string seems to start with read_file's line-number prefix ("   12<tab>"): leave it out.`
      : '';
    return toolError(
      `old_string not found in ${shown}; re-read the file (read_file) before retrying.${hint}`,
    );
  }
  if (count > 1 && !input.replace_all) {
    return toolError(
      `found ${count} matches of old_string in ${shown}; add surrounding lines to make it unique or set replace_all`,
    );
  }
  const after = input.replace_all
    ? text.split(oldString).join(newString)
    : replaceFirst(text, oldString, newString);
  const content = Buffer.from(after, 'utf8');

  const written = await runScript(ctx, writeScript, [file, hash, shown, String(maxDiffBytes)], {
    stdin: content,
    doing: `Writing ${shown}`,
  });
  if (!written.ok) {
    if (written.error === 'stale') return toolError(changedSinceRead(shown));
    if (written.error === 'nowrite') return toolError(`cannot write ${shown}: permission denied`);
    return toolError(fetchProblem(written.error, shown));
  }
  ctx.memory.readHashes.set(file, sha256(content));
  const diff = written.frames[0]?.body.toString('utf8') ?? '';
  const { added, removed } = diffStat(diff);
  const replaced = `${count} ${count === 1 ? 'occurrence' : 'occurrences'}`;
  return {
    status: 'ok',
    modelOutput: `Edited ${shown}: replaced ${replaced} (+${added} −${removed} lines).`,
    summary: `edited ${shown} (+${added} −${removed})`,
    detail: { type: 'edit', path: shown, diff, created: false },
    fileChange: { path: shown, change: 'edited' },
  };
}

function fetchProblem(error: string, shown: string): string {
  if (error === 'missing') return `${shown} does not exist; create it with write_file`;
  if (error === 'directory') return `${shown} is a directory`;
  if (error === 'unreadable') return `${shown} is not readable by the sandbox user`;
  const big = /^toobig (\d+)$/.exec(error);
  if (big) {
    return `${shown} is ${big[1]} bytes, more than edit takes (${maxEditBytes}); change it with run_command (sed, a script)`;
  }
  return error;
}

const changedSinceRead = (shown: string): string =>
  `${shown} changed since you last read it (a command, a formatter?); read_file it again, then edit.`;

/** CRLF when most line ends are CRLF: a file with a stray CRLF stays LF. */
export function usesCrlf(text: string): boolean {
  const lf = text.split('\n').length - 1;
  const crlf = text.split('\r\n').length - 1;
  return crlf > 0 && crlf * 2 >= lf;
}

/** Non-overlapping occurrences, as split and replace see them. */
export function occurrences(text: string, search: string): number {
  let count = 0;
  for (let at = text.indexOf(search); at !== -1; at = text.indexOf(search, at + search.length)) {
    count++;
  }
  return count;
}

/** String.replace would read `$&` and `$1` in the new text as patterns; this does not. */
function replaceFirst(text: string, search: string, replacement: string): string {
  const at = text.indexOf(search);
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}

export function diffStat(diff: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  let inHunk = false;
  for (const line of diff.split('\n')) {
    // The `---`/`+++` file headers come before the first hunk; content lines may look alike.
    if (line.startsWith('@@')) inHunk = true;
    else if (inHunk && line.startsWith('+')) added++;
    else if (inHunk && line.startsWith('-')) removed++;
  }
  return { added, removed };
}
