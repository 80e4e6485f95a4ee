/**
 * Commands that run another command. The policy cannot prove what a wrapper ends up running, so
 * a wrapped command is never allowed by a rule or the read-only list (`opaque`); but the inner
 * command is still dug out, best effort, so a hard deny or a deny rule catches
 * `sudo vim`, `timeout 5 git push` or `bash -c 'git push'`.
 */
export interface Wrapped {
  /** How the wrapper is named in reasons: `bash -c`, `sudo`. */
  label: string;
  /** True when the command runs something the policy cannot see as plain argv. */
  opaque: boolean;
  /** Inner commands given as argv: `sudo git push` → `git push`. */
  inner: string[][];
  /** Inner commands given as shell text, to be parsed again: `bash -c 'git push'`. */
  scripts: string[];
}

/** The program name without its directory: `/usr/bin/vim` → `vim`. */
export function programName(word: string | undefined): string {
  return (word ?? '').split('/').pop() ?? '';
}

const shells = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish']);

/** Inline code for an interpreter: the flag letters that take a program text. */
const codeFlags: Record<string, RegExp> = {
  python: /^-[A-Za-z]*c[A-Za-z]*$/,
  node: /^(-[A-Za-z]*[ep]|--eval|--print)$/,
  bun: /^(-e|--eval|-p|--print)$/,
  perl: /^-[A-Za-z]*[eE][A-Za-z]*$/,
  ruby: /^-[A-Za-z]*e[A-Za-z]*$/,
  php: /^-r$/,
  lua: /^-e$/,
};

/** Argv wrappers: the options that take a value, and how many operands precede the command. */
const argvWrappers: Record<string, { withValue: string[]; operands?: number }> = {
  sudo: { withValue: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '--user'] },
  doas: { withValue: ['-u', '-C'] },
  nohup: { withValue: [] },
  timeout: { withValue: ['-s', '--signal', '-k', '--kill-after'], operands: 1 },
  nice: { withValue: ['-n', '--adjustment'] },
  ionice: { withValue: ['-c', '-n', '--class', '--classdata'] },
  exec: { withValue: ['-a'] },
  command: { withValue: [] },
  builtin: { withValue: [] },
  time: { withValue: ['-o', '-f', '--output', '--format'] },
  setsid: { withValue: [] },
  stdbuf: { withValue: ['-i', '-o', '-e', '--input', '--output', '--error'] },
  chroot: { withValue: ['--userspec', '--groups'], operands: 1 },
  busybox: { withValue: [] },
  coproc: { withValue: [] },
  xargs: {
    withValue: ['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '--arg-file', '--delimiter'],
  },
};

/** What `argv` wraps, or null when it is an ordinary command. */
export function unwrap(argv: readonly string[]): Wrapped | null {
  const name = programName(argv[0]);
  const args = argv.slice(1);
  if (shells.has(name)) return shellScript(name, args);
  const interpreter = /^python[0-9.]*$/.test(name) ? 'python' : name === 'nodejs' ? 'node' : name;
  const flag = codeFlags[interpreter];
  if (flag) return inlineCode(name, interpreter, args, flag);
  if (name === 'deno' && args[0] === 'eval') return opaque('deno eval');
  if (name === 'eval') return args.length ? { ...opaque('eval'), scripts: [args.join(' ')] } : null;
  if (name === 'su') return withScriptOption('su', args, ['-c', '--command']);
  if (name === 'script') return withScriptOption('script', args, ['-c', '--command']);
  if (name === 'watch') return watch(args);
  if (name === 'env') return env(args);
  if (name === 'flock') return flock(args);
  if (name === 'find') return findExec(args);
  if ((name === 'command' || name === 'builtin') && args.some((a) => /^-[pvV]*[vV]/.test(a))) {
    return null; // `command -v git` only looks the program up
  }
  const table = argvWrappers[name];
  if (!table) return null;
  const start = skipOptions(args, table.withValue) + (table.operands ?? 0);
  const inner = args.slice(start);
  return inner.length ? { ...opaque(name), inner: [inner] } : null;
}

function opaque(label: string): Wrapped {
  return { label, opaque: true, inner: [], scripts: [] };
}

/** The index of the first argument after the options (and a `--`). */
function skipOptions(args: readonly string[], withValue: readonly string[]): number {
  let i = 0;
  while (i < args.length) {
    const arg = args[i] as string;
    if (arg === '--') return i + 1;
    if (!arg.startsWith('-') || arg === '-') return i;
    i += withValue.includes(arg) ? 2 : 1;
  }
  return i;
}

/** `bash -c 'script'` and `bash -lc 'script'`; `bash file.sh` runs a file and is not a wrapper. */
function shellScript(name: string, args: readonly string[]): Wrapped | null {
  let withC = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') break;
    if (/^[-+][oO]$/.test(arg) || arg === '--rcfile' || arg === '--init-file') {
      i++;
      continue;
    }
    if (/^-[A-Za-z]+$/.test(arg)) {
      withC ||= arg.includes('c');
      continue;
    }
    if (arg.startsWith('-') || arg.startsWith('+')) continue;
    return withC ? { ...opaque(`${name} -c`), scripts: [arg] } : null;
  }
  return null;
}

function inlineCode(
  name: string,
  interpreter: string,
  args: readonly string[],
  flag: RegExp,
): Wrapped | null {
  for (const arg of args) {
    if (!arg.startsWith('-')) return null; // a script file, not inline code
    if (interpreter === 'python' && /^-[A-Za-z]*m$/.test(arg)) return null; // python -m module
    if (flag.test(arg)) return opaque(`${name} ${arg}`);
  }
  return null;
}

function withScriptOption(name: string, args: readonly string[], flags: string[]): Wrapped | null {
  const at = args.findIndex((a) => flags.includes(a));
  const script = at >= 0 ? args[at + 1] : undefined;
  return script === undefined ? null : { ...opaque(`${name} -c`), scripts: [script] };
}

/** `watch` hands its arguments, joined, to `sh -c` (or runs them as argv with `-x`). */
function watch(args: readonly string[]): Wrapped | null {
  const start = skipOptions(args, ['-n', '--interval', '-q', '--equexit']);
  const rest = args.slice(start);
  if (!rest.length) return null;
  return args.slice(0, start).some((a) => a === '-x' || a === '--exec')
    ? { ...opaque('watch'), inner: [rest] }
    : { ...opaque('watch'), scripts: [rest.join(' ')] };
}

/** `env [-i] [-u NAME] [NAME=VALUE]… command`, and `env -S 'command text'`. */
function env(args: readonly string[]): Wrapped | null {
  const scripts: string[] = [];
  let i = 0;
  while (i < args.length) {
    const arg = args[i] as string;
    if (arg === '-S' || arg === '--split-string') {
      scripts.push(args[i + 1] ?? '');
      i += 2;
    } else if (arg === '-u' || arg === '--unset' || arg === '-C' || arg === '--chdir') {
      i += 2;
    } else if (arg === '--') {
      i++;
      break;
    } else if (arg.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(arg)) {
      i++;
    } else break;
  }
  const inner = args.slice(i);
  if (!inner.length && !scripts.length) return null; // plain `env` prints the environment
  return { ...opaque('env'), inner: inner.length ? [inner] : [], scripts };
}

/** `flock [options] file command…` or `flock file -c 'command text'`. */
function flock(args: readonly string[]): Wrapped | null {
  const script = withScriptOption('flock', args, ['-c', '--command']);
  if (script) return script;
  const inner = args.slice(skipOptions(args, ['-w', '--timeout', '-E']) + 1);
  return inner.length ? { ...opaque('flock'), inner: [inner] } : null;
}

/**
 * `find … -exec cmd {} ;`: find stays an ordinary command (the read-only list refuses `-exec`),
 * but the commands it runs are handed to the deny checks.
 */
function findExec(args: readonly string[]): Wrapped | null {
  const inner: string[][] = [];
  for (let i = 0; i < args.length; i++) {
    if (!['-exec', '-execdir', '-ok', '-okdir'].includes(args[i] as string)) continue;
    const end = args.findIndex((a, j) => j > i && (a === ';' || a === '+'));
    inner.push(args.slice(i + 1, end < 0 ? undefined : end));
    if (end < 0) break;
    i = end;
  }
  return inner.length ? { label: 'find -exec', opaque: false, inner, scripts: [] } : null;
}
