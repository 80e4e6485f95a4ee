/**
 * The built-in read-only list: commands that only read, so `ask` and `read-only` sessions run
 * them without asking. It is codex's `is_safe_to_call_with_exec`
 * (openai/codex codex-rs/core/src/command_safety/is_safe_command.rs), a little stricter: git
 * takes no global options but `-C <dir>` and `--no-pager`.
 */

const plainReaders = new Set([
  'cat',
  'cd',
  'cut',
  'echo',
  'expr',
  'false',
  'grep',
  'head',
  'id',
  'ls',
  'nl',
  'paste',
  'pwd',
  'rev',
  'seq',
  'stat',
  'tail',
  'tr',
  'true',
  'uname',
  'uniq',
  'wc',
  'which',
  'whoami',
]);

// Options that run other programs or write files (by prefix: -fprint covers -fprint0, -fprintf).
const findWriters = ['-exec', '-execdir', '-ok', '-okdir', '-delete', '-fls', '-fprint'];
const gitWriters = ['--output', '--ext-diff', '--textconv', '--exec', '--paginate'];
const gitBranchListing = ['--list', '-l', '--show-current', '-a', '--all', '-r', '--remotes'];
const gitBranchVerbose = ['-v', '-vv', '--verbose'];

/** True when `argv` is on the read-only list. */
export function isReadOnlyCommand(argv: readonly string[]): boolean {
  const [name, ...args] = argv;
  // A path may point at a workspace binary that only looks like a safe utility.
  if (name === undefined || name.includes('/')) return false;
  if (plainReaders.has(name)) return true;
  switch (name) {
    case 'find':
      return !args.some((a) => findWriters.some((w) => a.startsWith(w)));
    case 'base64':
      return !args.some((a) => a === '--output' || a.startsWith('--output=') || a.startsWith('-o'));
    case 'rg':
      return !args.some(
        (a) =>
          a === '-z' ||
          a === '--search-zip' ||
          /^--(pre|hostname-bin)(=|$)/.test(a) ||
          /^-[A-Za-z]*z/.test(a),
      );
    case 'sed':
      return args.length <= 3 && args[0] === '-n' && /^(\d+,)?\d+p$/.test(args[1] ?? '');
    case 'git':
      return isReadOnlyGit(args);
    default:
      return false;
  }
}

function isReadOnlyGit(args: readonly string[]): boolean {
  let i = 0;
  while (args[i] === '-C' || args[i] === '--no-pager') i += args[i] === '-C' ? 2 : 1;
  const sub = args[i];
  const rest = args.slice(i + 1);
  if (rest.some((a) => gitWriters.includes(a) || /^--(output|exec)=/.test(a))) return false;
  if (sub === 'status' || sub === 'log' || sub === 'diff' || sub === 'show') return true;
  if (sub !== 'branch') return false;
  // `git branch NAME`, `-d`, `-m`, … change branches; only listing flags are read-only.
  return rest.every(
    (a) =>
      gitBranchListing.includes(a) || gitBranchVerbose.includes(a) || a.startsWith('--format='),
  );
}
