import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { engines } from '../../../package.json';
import {
  majorOf,
  nativeModuleProblem,
  projectNode,
  requiredMajor,
  shellQuote,
  unsupportedNodeMessage,
  type Invocation,
} from './nodeCheck';

const root = resolve(import.meta.dirname, '../../..');
const temp = mkdtempSync(join(tmpdir(), 'berth-node-check-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const invocation = (over: Partial<Invocation> = {}): Invocation => ({
  version: 'v20.20.2',
  execPath: '/usr/bin/node',
  args: ['serve', '--data-dir', '/tmp/my data'],
  script: join(root, 'out', 'main', 'cli.js'),
  root,
  cwd: root,
  ...over,
});

/** A folder with a fake `better-sqlite3` whose Database runs `body`; returns a file URL in it. */
function fakeModule(name: string, body: string | undefined): string {
  const dir = join(temp, name);
  if (body !== undefined) {
    const pkg = join(dir, 'node_modules', 'better-sqlite3');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{"name":"better-sqlite3","main":"index.js"}');
    writeFileSync(join(pkg, 'index.js'), `module.exports = function Database() { ${body} };`);
  } else {
    mkdirSync(dir, { recursive: true });
  }
  return pathToFileURL(join(dir, 'cli.js')).href;
}

describe('the Node version check', () => {
  it('reads the engines range of package.json', () => {
    expect(requiredMajor(engines.node)).toBeGreaterThanOrEqual(22);
    expect(requiredMajor('>=24')).toBe(24);
    expect(requiredMajor('>= 22.12.0')).toBe(22);
    expect(() => requiredMajor('^24')).toThrow('expected ">=N"');
    expect(majorOf('v20.20.2')).toBe(20);
    expect(majorOf('24.1.0')).toBe(24);
    expect(majorOf('nonsense')).toBeNaN();
  });

  it('lets a recent enough Node through', () => {
    expect(unsupportedNodeMessage(invocation({ version: 'v24.0.0' }), '>=24')).toBeUndefined();
    expect(unsupportedNodeMessage(invocation({ version: 'v26.3.1' }), '>=24')).toBeUndefined();
    expect(unsupportedNodeMessage(invocation({ version: process.version }))).toBeUndefined();
  });

  it('says what it found, what it needs and the same command on the project Node', () => {
    const message = unsupportedNodeMessage(invocation(), '>=24');
    expect(message).toContain('berth: Node v20.20.2 (/usr/bin/node) cannot run Berth.');
    expect(message).toContain('Berth needs Node 24 or later');
    expect(message).toContain(
      "  node_modules/.bin/node out/main/cli.js serve --data-dir '/tmp/my data'\n",
    );
    expect(message).toContain(`or, from ${root}:\n  npm run serve -- --data-dir '/tmp/my data'\n`);
    // Node 22 would load better-sqlite3, but package.json asks for 24: that is what is tested.
    expect(unsupportedNodeMessage(invocation({ version: 'v22.11.0' }), '>=24')).toContain(
      'Node v22.11.0',
    );
  });

  it('gives absolute paths outside the project and npx for other commands', () => {
    const message = unsupportedNodeMessage(invocation({ cwd: '/', args: ['--help'] }), '>=24');
    expect(message).toContain(`  ${projectNode(root)} ${join(root, 'out/main/cli.js')} --help\n`);
    expect(message).toContain('  npx berth --help\n');
  });

  it('says to install the dependencies first when the project Node is missing', () => {
    const bare = join(temp, 'bare');
    mkdirSync(bare);
    const message = unsupportedNodeMessage(invocation({ root: bare, args: ['serve'] }), '>=24');
    expect(message).toContain(`First install its npm dependencies: cd ${bare} && npm ci\n`);
    expect(message).toContain('  npm run serve\n');
  });

  it('quotes arguments for the shell only when needed', () => {
    expect(shellQuote('--port=8080')).toBe('--port=8080');
    expect(shellQuote('/tmp/a b')).toBe("'/tmp/a b'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
  });
});

describe('the native module check', () => {
  const run = invocation({ version: process.version, execPath: process.execPath });

  it('passes when better-sqlite3 opens a database under this Node', () => {
    expect(nativeModuleProblem(run, import.meta.url)).toBeUndefined();
  });

  it('reports a module that throws while loading', () => {
    const from = fakeModule('throws', "throw new Error('wrong ELF class: ELFCLASS32')");
    expect(nativeModuleProblem(run, from)).toBe(
      `berth: the native module better-sqlite3 does not work under Node ${process.version} ` +
        `(${process.execPath}): loading it failed: Error: wrong ELF class: ELFCLASS32.\n` +
        `Reinstall Berth's npm dependencies: cd ${root} && npm ci\n`,
    );
  });

  it('turns a crash while loading into a message, not a crash of berth', () => {
    const from = fakeModule('crashes', "process.kill(process.pid, 'SIGSEGV')");
    expect(nativeModuleProblem(run, from)).toContain('loading it crashed Node (SIGSEGV)');
  });

  it('reports a module that is not installed', () => {
    expect(nativeModuleProblem(run, fakeModule('missing', undefined))).toContain(
      'better-sqlite3 does not work',
    );
    expect(nativeModuleProblem(run, fakeModule('missing', undefined))).toContain(
      'it is not installed',
    );
  });
});
