import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from '../../../package.json';

const root = resolve(import.meta.dirname, '../../..');
const cli = join(root, 'out', 'main', 'cli.js');

/** The newest modification time under a folder (the sources the CLI bundle is built from). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Runs the built CLI to completion. */
function run(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `berth serve` and resolves with the address it prints. */
function serve(dataDir: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, [cli, 'serve', '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = new Promise<string>((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      const match = /^Berth is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43})$/.exec(
        line,
      );
      if (match?.[1]) resolveUrl(match[1]);
      else reject(new Error(`unexpected first line: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return { child, url };
}

const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolveExit) => {
    if (child.exitCode !== null) resolveExit(child.exitCode);
    else child.once('exit', (code) => resolveExit(code));
  });

beforeAll(() => {
  const sources = Math.max(newest(join(root, 'src', 'main')), newest(join(root, 'src', 'shared')));
  if (!existsSync(cli) || statSync(cli).mtimeMs < sources) {
    // The renderer may fail to build while it is being written; only the CLI bundle matters here.
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

describe('berth', () => {
  it('prints help and its version', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: berth <command>');
    expect(help.stdout).toContain('serve');
    const serveHelp = run(['serve', '--help']);
    expect(serveHelp.code).toBe(0);
    expect(serveHelp.stdout).toContain('--data-dir');
    expect(run(['--version']).stdout.trim()).toBe(version);
  });

  it('exits 2 with the usage on stderr for an unknown command, option or value', () => {
    for (const args of [
      ['launch'],
      ['--frobnicate'],
      ['serve', '--frobnicate'],
      ['serve', '--port', 'x'],
    ]) {
      const result = run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr, args.join(' ')).toContain('Usage: berth');
    }
  });

  it('refuses to listen beyond loopback without --allow-remote', () => {
    const result = run([
      'serve',
      '--host',
      '0.0.0.0',
      '--data-dir',
      join(tmpdir(), 'berth-unused'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--allow-remote');
  });
});

describe('berth serve', () => {
  let dataDir: string;
  let first: { child: ChildProcess; url: Promise<string> } | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'berth-cli-'));
  });
  afterAll(() => {
    if (first?.child.exitCode === null) first.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints its address, refuses a second workbench on the same data, and stops on SIGTERM', async () => {
    first = serve(dataDir);
    const url = await first.url;
    const login = await fetch(url, { redirect: 'manual' });
    expect(login.status).toBe(302);

    const second = run(['serve', '--data-dir', dataDir, '--port', '0']);
    expect(second.code).toBe(2);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain('Another Berth is already using');

    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);
  });
});
