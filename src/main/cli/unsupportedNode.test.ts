import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNSUPPORTED_RUNTIME_EXIT_CODE } from './nodeCheck';

// The built `berth` under the machine's own Node, as a new user runs it after the README's install:
// the build machines have Node 20 in /usr/bin (the `nodejs` package; Debian 12's own is 18), and
// scripts/install.sh adds Node 24 only inside node_modules. Node 20 used to die with
// "Segmentation fault" in better-sqlite3; it must now get a message naming the command that works.
const systemNode = '/usr/bin/node';
let systemVersion = '';
const root = resolve(import.meta.dirname, '../../..');
const cli = join(root, 'out', 'main', 'cli.js');
const dataDir = mkdtempSync(join(tmpdir(), 'berth data '));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** A shell as fresh as a new login: no npm, no node_modules/.bin on the PATH. */
function cleanShell(command: string, cwd: string) {
  const home = mkdtempSync(join(tmpdir(), 'berth-home-'));
  try {
    const result = spawnSync('/bin/bash', ['-c', command], {
      cwd,
      env: { PATH: '/usr/bin:/bin', HOME: home },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return {
      code: result.status,
      signal: result.signal,
      stdout: result.stdout,
      stderr: result.stderr,
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

beforeAll(() => {
  systemVersion = existsSync(systemNode)
    ? spawnSync(systemNode, ['--version'], { encoding: 'utf8' }).stdout.trim()
    : '';
  // Not a skip: without an old Node here this test would prove nothing, and CI must say so.
  const needs = 'this test needs a Node older than 22 there (the build machines have 20)';
  expect(systemVersion, `${systemNode} is missing; ${needs}`).not.toBe('');
  expect(
    Number(/^v(\d+)\./.exec(systemVersion)?.[1]),
    `${systemNode} is ${systemVersion}; ${needs}`,
  ).toBeLessThan(22);

  const sources = Math.max(newest(join(root, 'src', 'main')), newest(join(root, 'src', 'shared')));
  if (!existsSync(cli) || statSync(cli).mtimeMs < sources) {
    spawnSync(
      process.execPath,
      [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
      {
        cwd: root,
        stdio: 'ignore',
      },
    );
  }
  expect(existsSync(cli), 'out/main/cli.js was not built').toBe(true);
});

describe('berth on an unsupported Node', () => {
  it('says what it found, what it needs and what to run, and exits with its own code', () => {
    const result = cleanShell(
      `${systemNode} out/main/cli.js serve --data-dir '${dataDir}' --port 0`,
      root,
    );
    expect(result.signal).toBeNull();
    // What bash says when its child dies of SIGSEGV (the message itself may mention the crash).
    expect(result.stderr).not.toMatch(/Segmentation fault/);
    expect(result.code).toBe(UNSUPPORTED_RUNTIME_EXIT_CODE);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe(
      `berth: Node ${systemVersion} (/usr/bin/node) cannot run Berth.`,
    );
    expect(result.stderr).toContain('Berth needs Node 24 or later');
    expect(result.stderr).toContain(
      `  node_modules/.bin/node out/main/cli.js serve --data-dir '${dataDir}' --port 0\n`,
    );
    expect(result.stderr).toContain(`  npm run serve -- --data-dir '${dataDir}' --port 0\n`);
    // Nothing was started: the data directory is as it was.
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('names commands that work as printed, in a clean shell', () => {
    const refused = cleanShell(`${systemNode} ${cli} serve --help`, '/');
    expect(refused.code).toBe(UNSUPPORTED_RUNTIME_EXIT_CODE);
    // The message indents the commands to run, and only them.
    const suggested = refused.stderr
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim());
    expect(suggested).toEqual([
      `${join(root, 'node_modules/.bin/node')} ${cli} serve --help`,
      'npm run serve -- --help',
    ]);

    const direct = cleanShell(suggested[0]!, '/');
    expect(direct.code, direct.stderr).toBe(0);
    expect(direct.stdout).toContain('Usage: berth serve [options]');
    const viaNpm = cleanShell(suggested[1]!, root);
    expect(viaNpm.code, viaNpm.stderr).toBe(0);
    expect(viaNpm.stdout).toContain('Usage: berth serve [options]');
  });
});
