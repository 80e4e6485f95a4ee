import type { SandboxRuntime } from '../../sandboxes/sandboxRuntime';
import type { InstructionsFile, InstructionsInEffect, Skill } from '../../../../shared/contract';
import { headBytes } from '../tools/cap';
import { runScript, type Frame } from '../tools/sandboxScript';
import { readSkill } from './frontmatter';

/** Codex's `project_doc_max_bytes`: all AGENTS.md files together, later ones truncated. */
export const instructionsBudget = 32 * 1024;
/** Enough of a SKILL.md for its frontmatter (a 1,024-character description and the rest). */
const skillHeadBytes = 8 * 1024;
/** More skills than this would crowd the prompt; the first ones win. */
const maxSkills = 100;

/**
 * One exec, as the sandbox user. argv: REPO_DIR BUDGET SKILL_HEAD_BYTES. Finds the repository
 * root (git's top level, else REPO_DIR), walks root → REPO_DIR and prints per directory the
 * first non-empty of AGENTS.override.md and AGENTS.md (at most BUDGET bytes each), then the heads
 * of `.agents/skills/NAME/SKILL.md` and `.berth/skills/NAME/SKILL.md` of each directory, nearest
 * first. Symlinked skill folders and files are skipped. Each file is a `path` frame (its name)
 * followed by its content frame.
 */
const script = String.raw`
repo=$1 budget=$2 skillBytes=$3
[ -d "$repo" ] || exit 0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
root=$(git -C "$repo" rev-parse --show-toplevel 2>/dev/null) || root=$repo
case "$repo/" in "$root"/*) ;; *) root=$repo ;; esac
d=$repo
: > "$tmp/dirs"
while :; do
  printf '%s\n' "$d" >> "$tmp/dirs"
  [ "$d" = "$root" ] || [ "$d" = / ] && break
  d=$(dirname -- "$d")
done
emit() { # emit KIND FILE BYTES
  printf '%s' "$2" > "$tmp/path"
  frame path "$tmp/path"
  head -c "$3" -- "$2" > "$tmp/body"
  frame "$1" "$tmp/body" "$(wc -c < "$2")"
}
tac "$tmp/dirs" > "$tmp/rootfirst"
while IFS= read -r d; do
  for name in AGENTS.override.md AGENTS.md; do
    if [ -f "$d/$name" ] && [ -s "$d/$name" ] && [ -r "$d/$name" ]; then
      emit agents "$d/$name" "$budget"
      break
    fi
  done
done < "$tmp/rootfirst"
while IFS= read -r d; do
  for skills in "$d/.agents/skills" "$d/.berth/skills"; do
    [ -d "$skills" ] && [ ! -L "$skills" ] || continue
    for s in "$skills"/*/SKILL.md; do
      [ -f "$s" ] && [ ! -L "$s" ] && [ ! -L "$(dirname -- "$s")" ] && [ -r "$s" ] || continue
      emit skill "$s" "$skillBytes"
    done
  done
done < "$tmp/dirs"
`;

export interface LoadedInstructions {
  /** The instructions section the loop appends to its system prompt; empty when none. */
  text: string;
  inEffect: InstructionsInEffect;
}

/**
 * What the repository tells the agent: its AGENTS.md (AGENTS.override.md first) from the git
 * root down to `repoDir`, within 32 KiB, and the skills it offers (name, description and path
 * only; the model reads a SKILL.md itself when it needs it). Read inside the sandbox, so it works
 * the same on a remote engine. Invalid skills are left out.
 */
export async function loadInstructions(
  runtime: SandboxRuntime,
  containerId: string,
  repoDir: string,
): Promise<LoadedInstructions> {
  const outcome = await runScript(
    { runtime, containerId, user: 'berth' },
    script,
    [repoDir, String(instructionsBudget), String(skillHeadBytes)],
    { doing: 'Reading the repository instructions', timeoutMs: 30_000 },
  );
  if (!outcome.ok) throw new Error(`Reading the repository instructions failed: ${outcome.error}`);

  const files: InstructionsFile[] = [];
  const sections: string[] = [];
  const skills: Skill[] = [];
  let remaining = instructionsBudget;
  for (const { path, frame } of pairs(outcome.frames)) {
    const size = Number(frame.args[0] ?? frame.body.length);
    if (frame.name === 'agents') {
      const content = headBytes(frame.body.toString('utf8'), remaining);
      const truncated = Buffer.byteLength(content) < size;
      remaining -= Buffer.byteLength(content);
      files.push({ path, bytes: size, truncated });
      sections.push(agentsSection(path, content.trim(), truncated));
    } else if (frame.name === 'skill' && skills.length < maxSkills) {
      const skill = readSkill(frame.body.toString('utf8'));
      if (skill.ok && !skills.some((s) => s.name === skill.name)) {
        skills.push({ name: skill.name, description: skill.description, path });
      }
    }
  }
  if (skills.length > 0) sections.push(skillsSection(skills));
  return { text: sections.join('\n\n'), inEffect: { files, skills } };
}

/** Each content frame comes after the `path` frame that names its file. */
function* pairs(frames: Frame[]): Generator<{ path: string; frame: Frame }> {
  for (let i = 0; i + 1 < frames.length; i += 2) {
    const named = frames[i]!;
    if (named.name !== 'path') throw new Error('instructions: a file came without its path.');
    yield { path: named.body.toString('utf8'), frame: frames[i + 1]! };
  }
}

function agentsSection(path: string, content: string, truncated: boolean): string {
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  const cut = truncated
    ? `\n[… cut at the ${instructionsBudget / 1024} KiB budget for instructions; read_file ${path} for the rest]`
    : '';
  return `# AGENTS.md instructions for ${dir}\n\n<INSTRUCTIONS>\n${content}${cut}\n</INSTRUCTIONS>`;
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function skillsSection(skills: Skill[]): string {
  const entries = skills.map(
    (s) =>
      `<skill>\n<name>${s.name}</name>\n<description>${escapeXml(s.description)}</description>\n<path>${escapeXml(s.path)}</path>\n</skill>`,
  );
  return [
    '# Skills',
    '',
    "The repository offers these skills. When a task matches a skill's description, read its SKILL.md with read_file before you start, and follow it.",
    '',
    '<available_skills>',
    ...entries,
    '</available_skills>',
  ].join('\n');
}
