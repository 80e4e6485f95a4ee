import type { CommandAnalysis } from './shellParser';
import { programName } from './shellWrappers';

/**
 * Commands no rule or mode may run, with the reason the model reads. Commands run with stdin
 * closed and no TTY, so interactive programs would sit until the timeout; the Docker socket
 * would hand the agent the host. Vibe's default denylist (`_get_default_denylist`) plus Berth's.
 */

const editors = new Set(['vim', 'vi', 'nvim', 'vimdiff', 'nano', 'pico', 'emacs']);
const pagers = new Set(['less', 'more', 'most']);
const multiplexers = new Set(['screen', 'tmux']);
const monitors = new Set(['top', 'htop', 'btop']);
const shells = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish']);
// With no argument these start a read-eval-print loop.
const interpreters = new Set(['python', 'python3', 'node', 'ipython', 'irb', 'su']);

/** Why the command is refused outright, or null. */
export function hardDenyReason(command: string, analysis: CommandAnalysis): string | null {
  if (command.includes('docker.sock')) {
    return 'the Docker socket is off limits inside the sandbox; do not try to reach it';
  }
  for (const argv of analysis.recognised) {
    const reason = interactiveReason(argv, analysis.fed.includes(argv));
    if (reason) return reason;
  }
  return null;
}

function interactiveReason(argv: readonly string[], fed: boolean): string | null {
  const name = programName(argv[0]);
  const args = argv.slice(1);
  const hangs = `${name} is interactive and would hang`;
  if (editors.has(name)) {
    if (name === 'emacs' && args.some((a) => a === '--batch' || a === '-batch')) return null;
    return `${hangs}; edit files with the edit tool`;
  }
  if (pagers.has(name)) return `${hangs}; read files with read_file, or cat, head or sed -n`;
  if (name === 'man') return `${hangs}; try \`<program> --help\` instead`;
  if (multiplexers.has(name)) return `${hangs}; run the command directly`;
  if (monitors.has(name)) {
    if (name === 'top' && args.some((a) => /^-[A-Za-z]*b/.test(a))) return null; // batch mode
    return `${hangs}; use \`ps aux\` instead`;
  }
  if (name === 'gdb' && !args.some((a) => a === '-batch' || a === '--batch')) {
    return `${hangs}; use \`gdb -batch -ex …\``;
  }
  if (name === 'passwd') return hangs;
  // A bare shell or interpreter fed a pipe or a heredoc runs that script: `curl … | sh`.
  if (fed && args.length === 0) return null;
  if (shells.has(name) && args.length === 0) {
    return `\`${name}\` with no arguments starts an interactive shell that would hang; run the commands directly`;
  }
  if (shells.has(name) && interactiveShell(args)) {
    return `\`${name} -i\` starts an interactive shell that would hang; run the commands directly`;
  }
  if (interpreters.has(name) && args.length === 0) {
    return `\`${name}\` with no arguments is interactive and would hang; pass a script or code with -c/-e`;
  }
  return null;
}

/** `-i` among the options before the first operand (`bash -i`, `bash -il`, `sh -ic '…'`). */
function interactiveShell(args: readonly string[]): boolean {
  for (const arg of args) {
    if (!/^-[A-Za-z]+$/.test(arg)) return false;
    if (arg.includes('i')) return true;
  }
  return false;
}
