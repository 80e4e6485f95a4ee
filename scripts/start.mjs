#!/usr/bin/env node
// `npm start`: builds Berth if the build is missing or older than the sources, then starts the
// Electron app when its binary is installed, otherwise browser mode (`berth serve`), which works
// everywhere Node does. Electron's binary is downloaded from GitHub on install, so on machines
// without that (CI, the build machines) browser mode is the way to run Berth.
//   npm start                      Electron if available, else browser mode
//   npm start -- --browser [...]   browser mode; other arguments go to `berth serve`
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const browser = args.includes('--browser');
const rest = args.filter((arg) => arg !== '--browser');

function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function oldest(paths) {
  return Math.min(...paths.map((path) => (existsSync(path) ? statSync(path).mtimeMs : 0)));
}

const outputs = ['out/main/index.js', 'out/main/cli.js', 'out/renderer/index.html'].map((p) =>
  join(root, p),
);
const inputs = ['src', 'electron.vite.config.ts', 'package.json'].map((p) => join(root, p));
if (oldest(outputs) < Math.max(...inputs.map(newest))) {
  console.error('Building Berth (the build is missing or older than the sources)…');
  const viteBin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  // Build output goes to stderr: stdout carries only the address `berth serve` prints.
  const build = spawnSync(process.execPath, [viteBin, 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) {
    console.error('The build failed; see above.');
    process.exit(build.status ?? 1);
  }
}

/** Why Electron cannot run here, or undefined when it can. */
function electronMissing() {
  if (!existsSync(join(root, 'node_modules', 'electron', 'dist'))) {
    return 'the Electron binary is not installed (node_modules/electron/dist is missing)';
  }
  const check = spawnSync(join(root, 'node_modules', '.bin', 'electron'), ['--version'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (check.status !== 0)
    return `\`electron --version\` failed (${check.error?.message ?? check.stderr.trim()})`;
  return undefined;
}

const missing = browser ? undefined : electronMissing();
let child;
if (browser || missing) {
  console.error(
    `Starting Berth in browser mode: ${browser ? 'asked for with --browser' : missing}.`,
  );
  child = spawn(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'serve', ...rest], {
    cwd: root,
    stdio: 'inherit',
  });
} else {
  console.error('Starting the Berth desktop app (Electron is installed).');
  child = spawn(join(root, 'node_modules', '.bin', 'electron'), ['.', ...rest], {
    cwd: root,
    stdio: 'inherit',
  });
}

// Ctrl+C reaches the child directly (same process group); a SIGTERM sent to this script alone
// is passed on. The child ignores a repeated signal while it shuts down.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
