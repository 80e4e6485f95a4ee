import { sha256 } from './editFile';
import { runScript } from './sandboxScript';
import { toolError } from './toolError';
import { displayPath, resolveToolPath } from './toolPaths';
import { toolLimits, type WriteFileInput } from './toolSchemas';
import type { ToolContext, ToolOutcome } from './toolTypes';

/**
 * argv: FILE; stdin: the content. Creates parents, writes a temp file beside the target and
 * hard-links it into place: `ln` fails when the name exists, so a file that appeared meanwhile
 * is never overwritten, and nobody sees a half-written file. The mode follows the umask.
 */
const script = String.raw`
f=$1
if [ -e "$f" ] || [ -L "$f" ]; then fail "exists"; fi
dir=$(dirname -- "$f")
msg=$(mkdir -p -- "$dir" 2>&1) || fail "nodir $msg"
new=$(mktemp -p "$dir" .berth-write.XXXXXX 2>/dev/null) || fail "nowrite"
trap 'rm -f "$new"' EXIT
cat > "$new" || exit 1
chmod "$(printf '%o' $((0666 & ~8#$(umask))))" -- "$new" || exit 1
if ! ln -- "$new" "$f" 2>/dev/null; then
  [ -e "$f" ] && fail "exists"
  fail "nowrite"
fi
note created
`;

/** Creates a new file; an existing one is refused (edit changes files). */
export async function writeFile(input: WriteFileInput, ctx: ToolContext): Promise<ToolOutcome> {
  const resolved = resolveToolPath(ctx.repoDir, input.path);
  if (!resolved.ok) return toolError(resolved.error);
  const file = resolved.path;
  const shown = displayPath(ctx.repoDir, file);
  const content = Buffer.from(input.content, 'utf8');
  if (content.length > toolLimits.writeBytes) {
    return toolError(
      `content is ${content.length} bytes, more than write_file takes (${toolLimits.writeBytes}); write a smaller file and add to it with edit`,
    );
  }
  const outcome = await runScript(ctx, script, [file], {
    stdin: content,
    doing: `Creating ${shown}`,
  });
  if (!outcome.ok) {
    if (outcome.error === 'exists') {
      return toolError(`${shown} exists; use edit to change it (read_file it first)`);
    }
    if (outcome.error === 'nowrite') return toolError(`cannot create ${shown}: permission denied`);
    if (outcome.error.startsWith('nodir ')) {
      return toolError(`cannot create the directory of ${shown}: ${outcome.error.slice(6)}`);
    }
    return toolError(outcome.error);
  }
  ctx.memory.readHashes.set(file, sha256(content));
  const lines = lineCount(input.content);
  return {
    status: 'ok',
    modelOutput: `Created ${shown} (${lines} ${lines === 1 ? 'line' : 'lines'}, ${content.length} bytes).`,
    summary: `created ${shown} (${lines} ${lines === 1 ? 'line' : 'lines'})`,
    detail: { type: 'edit', path: shown, diff: creationDiff(shown, input.content), created: true },
    fileChange: { path: shown, change: 'created' },
  };
}

function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The unified diff of a new file, as `git diff` shows one. */
export function creationDiff(path: string, content: string): string {
  const count = lineCount(content);
  if (count === 0) return `--- /dev/null\n+++ b/${path}\n`;
  const body = content.endsWith('\n') ? content.slice(0, -1) : content;
  const lines = body.split('\n').map((line) => `+${line}`);
  const noNewline = content.endsWith('\n') ? '' : '\n\\ No newline at end of file';
  return `--- /dev/null\n+++ b/${path}\n@@ -0,0 +1${count === 1 ? '' : `,${count}`} @@\n${lines.join('\n')}${noNewline}\n`;
}
