import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { engines } from '../../../package.json';

// Runs before anything else of `berth` (see ../cli.ts), so this file imports nothing native and
// nothing of the core: on Node 20, merely loading better-sqlite3 13's binary kills the process
// with SIGSEGV, before any of our code could say why.

/** Exit code for "this Node cannot run Berth": apart from 1 (a crash) and 2 (bad usage). */
export const UNSUPPORTED_RUNTIME_EXIT_CODE = 3;

/** What `berth` was started as, and where. */
export interface Invocation {
  /** process.version, e.g. "v20.20.2". */
  version: string;
  /** The running Node binary (process.execPath). */
  execPath: string;
  /** The arguments after the script. */
  args: string[];
  /** The built CLI script (out/main/cli.js). */
  script: string;
  /** The project folder: package.json, node_modules, out/. */
  root: string;
  cwd: string;
}

/** The lowest major version a `>=N` (or `>=N.M.P`) engines range accepts. */
export function requiredMajor(range: string = engines.node): number {
  const match = /^>=\s*v?(\d+)(?:\.\d+){0,2}$/.exec(range.trim());
  if (!match?.[1]) throw new Error(`cannot read the Node range "${range}": expected ">=N"`);
  return Number(match[1]);
}

/** The major of a Node version string such as "v20.20.2"; NaN when it is not one. */
export function majorOf(version: string): number {
  const match = /^v?(\d+)\./.exec(version);
  return match?.[1] ? Number(match[1]) : NaN;
}

/** Quotes an argument for a POSIX shell when it needs it. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A path of the project, relative when the user stands in the project folder. */
function shown(path: string, run: Invocation): string {
  return run.cwd === run.root ? relative(run.root, path) : path;
}

/** The Node that `npm ci` installs with Berth's dependencies (the npm package `node`). */
export function projectNode(root: string): string {
  return join(root, 'node_modules', '.bin', 'node');
}

/** How to run the same command on the project's own Node, exactly and in short. */
function workingCommands(run: Invocation): string {
  const args = run.args.map(shellQuote).join(' ');
  const exact = [shown(projectNode(run.root), run), shown(run.script, run), args];
  const [command, ...rest] = run.args;
  const short =
    command === 'serve'
      ? `npm run serve${rest.length > 0 ? ` -- ${rest.map(shellQuote).join(' ')}` : ''}`
      : `npx berth${args ? ` ${args}` : ''}`;
  const install = existsSync(projectNode(run.root))
    ? ''
    : `First install its npm dependencies: cd ${shellQuote(run.root)} && npm ci\nThen run:\n`;
  return (
    `${install}  ${exact.filter(Boolean).join(' ')}\n` +
    `or, from ${shellQuote(run.root)}:\n  ${short}\n`
  );
}

/** The message for a Node too old for Berth, or undefined when this Node is recent enough. */
export function unsupportedNodeMessage(
  run: Invocation,
  range: string = engines.node,
): string | undefined {
  const needed = requiredMajor(range);
  const found = majorOf(run.version);
  if (found >= needed) return undefined;
  return (
    `berth: Node ${run.version} (${run.execPath}) cannot run Berth.\n` +
    `Berth needs Node ${needed} or later ("engines" in its package.json): its database module, ` +
    `better-sqlite3, crashes any Node before 22 with a segmentation fault.\n` +
    `Berth's npm dependencies bring Node ${needed}; run the same command with that Node:\n` +
    workingCommands(run)
  );
}

/**
 * The native modules `berth` needs, each with code that makes it load its binary: better-sqlite3
 * loads it on the first `new Database`, not on require.
 */
const nativeModules: { name: string; load: (path: string) => string }[] = [
  {
    name: 'better-sqlite3',
    load: (path) => `new (require(${JSON.stringify(path)}))(':memory:').close()`,
  },
];

/** Generous: loading a binary takes well under a second; a busy machine must not fail here. */
const PROBE_TIMEOUT_MS = 30_000;

/**
 * Why a native module does not load under this Node, or undefined when they all do.
 *
 * The modules are loaded in a child process on the same Node, not in this one: a binary built
 * for another Node or platform does not always throw, it can crash the process (better-sqlite3
 * 13 on Node 20 dies with SIGSEGV inside dlopen), and no try/catch survives that. The version
 * check has already ruled out the known cause for free; the child costs one Node start (about
 * 30 ms here) per `berth` run and turns any other crash into a message.
 */
export function nativeModuleProblem(run: Invocation, resolveFrom: string): string | undefined {
  const require = createRequire(resolveFrom);
  for (const native of nativeModules) {
    let path: string;
    try {
      path = require.resolve(native.name);
    } catch {
      return nativeMessage(run, native.name, 'it is not installed');
    }
    const child = spawnSync(run.execPath, ['-e', native.load(path)], {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: PROBE_TIMEOUT_MS,
    });
    const error = child.error as NodeJS.ErrnoException | undefined;
    if (error?.code === 'ETIMEDOUT') {
      return nativeMessage(run, native.name, `it did not load within ${PROBE_TIMEOUT_MS / 1000} s`);
    }
    // The child could not start at all (no process slots, say): that says nothing about the
    // module, and the version is right, so go on rather than refuse to run.
    if (error) continue;
    if (child.signal) {
      return nativeMessage(run, native.name, `loading it crashed Node (${child.signal})`);
    }
    if (child.status !== 0) {
      // Node prints the source line first, then `Error: …` (or `TypeError: …`) and the stack.
      const reason = child.stderr.split('\n').find((line) => /^\w*Error\b/.test(line)) ?? '';
      return nativeMessage(
        run,
        native.name,
        `loading it failed: ${reason.trim() || child.stderr.trim()}`,
      );
    }
  }
  return undefined;
}

function nativeMessage(run: Invocation, name: string, reason: string): string {
  return (
    `berth: the native module ${name} does not work under Node ${run.version} ` +
    `(${run.execPath}): ${reason}.\n` +
    `Reinstall Berth's npm dependencies: cd ${shellQuote(run.root)} && npm ci\n`
  );
}

/** Why this Node cannot run `berth` (a message for stderr), or undefined when it can. */
export function runtimeProblem(run: Invocation, resolveFrom: string): string | undefined {
  return unsupportedNodeMessage(run) ?? nativeModuleProblem(run, resolveFrom);
}
