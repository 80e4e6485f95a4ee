import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditDetail, ListDetail, ReadDetail, SearchDetail } from '../../../../shared/contract';
import { sandboxRun, sandboxSh } from '../../../testing/sandboxShell';
import { runSandboxTool } from './runTool';
import { startTestSandbox, type TestSandbox } from './testSandbox';
import type { ToolContext } from './toolTypes';

// The file tools against a real sandbox: bash, git, grep and awk as the image has them.
const repo = '/workspace/app';
let sandbox: TestSandbox;
let sh: (script: string, options?: { root?: boolean }) => Promise<string>;

beforeAll(async () => {
  sandbox = await startTestSandbox('tools');
  sh = (script, options) => sandboxSh(sandbox.containerId, script, options);
  await sh(String.raw`set -e
    mkdir -p /workspace/app && cd /workspace/app
    git init -q -b main && git config user.email t@example.com && git config user.name t
    printf 'root rules\n' > AGENTS.md
    seq 1 3000 | sed 's/^/line /' > big.txt
    mkdir -p src/lib sub/deep ignored
    printf 'export const a = 1;\nexport function load() {}\n' > src/a.ts
    printf 'import { a } from "./a";\nconst LOAD = a;\n' > src/lib/b.ts
    printf 'sub rules\n' > sub/AGENTS.md
    printf 'deep plain\n' > sub/deep/AGENTS.md
    printf 'deep override\n' > sub/deep/AGENTS.override.md
    printf 'x\n' > sub/deep/x.ts && printf 'y\n' > sub/deep/y.ts
    printf 'ignored/\n*.log\n' > .gitignore
    printf 'load()\n' > ignored/skip.ts && printf 'load\n' > debug.log
    printf 'README\n' > README.md
    git add -A && git commit -qm init
    printf 'export const fresh = load;\n' > src/new.ts
    printf 'a\0b' > blob.bin
    mkdir -p /workspace/plain/node_modules/m /workspace/plain/lib
    printf 'load\n' > /workspace/plain/node_modules/m/i.ts
    printf 'load\n' > /workspace/plain/lib/c.ts
    printf 'nothing\n' > /workspace/plain/top.ts`);
});

afterAll(async () => {
  await sandbox?.remove();
});

const ctx = (): ToolContext => sandbox.context(repo);

describe('read_file', () => {
  it('numbers the lines of a range and says where to go on', async () => {
    const result = await runSandboxTool(
      'read_file',
      { path: 'big.txt', offset: 10, limit: 3 },
      ctx(),
    );
    expect(result.status).toBe('ok');
    expect(result.modelOutput).toBe(
      '    10\tline 10\n    11\tline 11\n    12\tline 12\n\n[lines 10–12 of 3000; continue with offset=13]',
    );
    expect(result.detail).toEqual<ReadDetail>({
      type: 'read',
      path: 'big.txt',
      startLine: 10,
      endLine: 12,
      totalLines: 3000,
      content: 'line 10\nline 11\nline 12\n',
    });
    expect(result.summary).toBe('read lines 10–12 of 3000 in big.txt');
  });

  it('stops at 2000 lines and remembers the hash', async () => {
    const context = ctx();
    const result = await runSandboxTool('read_file', { path: 'big.txt' }, context);
    expect((result.detail as ReadDetail).endLine).toBe(2000);
    expect(result.modelOutput).toContain('[lines 1–2000 of 3000; continue with offset=2001]');
    const sum = await sh('sha256sum /workspace/app/big.txt | cut -d " " -f 1');
    expect(context.memory.readHashes.get('/workspace/app/big.txt')).toBe(sum);
  });

  it('reads a whole small file and says so', async () => {
    const result = await runSandboxTool('read_file', { path: 'src/a.ts' }, ctx());
    expect(result.modelOutput).toBe(
      '     1\texport const a = 1;\n     2\texport function load() {}',
    );
    expect(result.summary).toBe('read src/a.ts (2 lines)');
  });

  it('appends nested AGENTS.md once per directory, override first, never the root one', async () => {
    const context = ctx();
    const first = await runSandboxTool('read_file', { path: 'sub/deep/x.ts' }, context);
    expect(first.modelOutput).toContain('sub rules');
    expect(first.modelOutput).toContain('deep override');
    expect(first.modelOutput).not.toContain('deep plain');
    expect(first.modelOutput).not.toContain('root rules');
    expect(first.modelOutput).toContain('<instructions from="/workspace/app/sub/AGENTS.md">');
    expect(first.modelOutput.indexOf('sub rules')).toBeLessThan(
      first.modelOutput.indexOf('deep override'),
    );
    expect([...context.memory.instructionDirs].sort()).toEqual([
      '/workspace/app/sub',
      '/workspace/app/sub/deep',
    ]);
    const second = await runSandboxTool('read_file', { path: 'sub/deep/y.ts' }, context);
    expect(second.modelOutput).toBe('     1\ty');
  });

  it('refuses binary files, directories, missing files and offsets past the end', async () => {
    const cases: [object, string][] = [
      [{ path: 'blob.bin' }, 'blob.bin is a binary file'],
      [{ path: 'src' }, 'src is a directory'],
      [{ path: 'nope.ts' }, 'nope.ts does not exist'],
      [{ path: 'src/a.ts', offset: 9 }, 'offset 9 is past the end of src/a.ts, which has 2 lines'],
    ];
    for (const [input, message] of cases) {
      const result = await runSandboxTool('read_file', input, ctx());
      expect(result.status).toBe('error');
      expect(result.modelOutput).toContain(message);
    }
  });
});

describe('paths outside /workspace', () => {
  it('are refused by every file tool and as a cwd', async () => {
    const calls: [Parameters<typeof runSandboxTool>[0], object][] = [
      ['read_file', { path: '/etc/passwd' }],
      ['read_file', { path: '../../etc/passwd' }],
      ['list_files', { pattern: '*', path: '/' }],
      ['search', { pattern: 'root', path: '/etc' }],
      ['edit', { path: '/etc/hosts', old_string: 'a', new_string: 'b' }],
      ['write_file', { path: '/tmp/x.txt', content: 'x' }],
      ['run_command', { command: 'true', cwd: '../..' }],
    ];
    for (const [tool, input] of calls) {
      const result = await runSandboxTool(tool, input, ctx());
      expect(result.status, tool).toBe('error');
      expect(result.modelOutput, tool).toMatch(/is outside \/workspace/);
    }
    expect(await sh('ls /tmp/x.txt 2>&1 || true')).toMatch(/No such file/);
  });
});

describe('list_files', () => {
  it('respects .gitignore in a git repository and lists untracked files', async () => {
    const result = await runSandboxTool('list_files', { pattern: '**/*.ts' }, ctx());
    expect((result.detail as ListDetail).paths).toEqual([
      'src/a.ts',
      'src/lib/b.ts',
      'src/new.ts',
      'sub/deep/x.ts',
      'sub/deep/y.ts',
    ]);
    expect(result.summary).toBe('5 files match **/*.ts');
  });

  it('matches `*.md` at the top only, and lists from a subdirectory', async () => {
    const top = await runSandboxTool('list_files', { pattern: '*.md' }, ctx());
    expect((top.detail as ListDetail).paths).toEqual(['AGENTS.md', 'README.md']);
    const sub = await runSandboxTool('list_files', { pattern: '**/*.md', path: 'sub' }, ctx());
    expect((sub.detail as ListDetail).paths).toEqual([
      'sub/AGENTS.md',
      'sub/deep/AGENTS.md',
      'sub/deep/AGENTS.override.md',
    ]);
  });

  it('skips node_modules outside git and caps the results', async () => {
    const plain = await runSandboxTool(
      'list_files',
      { pattern: '**/*.ts', path: '/workspace/plain' },
      ctx(),
    );
    expect((plain.detail as ListDetail).paths).toEqual([
      '/workspace/plain/lib/c.ts',
      '/workspace/plain/top.ts',
    ]);
    const capped = await runSandboxTool('list_files', { pattern: '**/*', max_results: 2 }, ctx());
    expect((capped.detail as ListDetail).truncated).toBe(true);
    expect((capped.detail as ListDetail).paths).toHaveLength(2);
    expect(capped.modelOutput).toMatch(/more not shown/);
  });

  it('says so when nothing matches or the directory is missing', async () => {
    const none = await runSandboxTool('list_files', { pattern: '**/*.rs' }, ctx());
    expect(none.modelOutput).toBe('No files match **/*.rs under ..');
    const missing = await runSandboxTool('list_files', { pattern: '*', path: 'nope' }, ctx());
    expect(missing).toMatchObject({ status: 'error', modelOutput: 'nope does not exist' });
  });
});

describe('search', () => {
  it('finds lines in tracked and untracked files, not in ignored ones', async () => {
    const result = await runSandboxTool('search', { pattern: 'load' }, ctx());
    const detail = result.detail as SearchDetail;
    expect(detail.matches).toEqual([
      { path: 'src/a.ts', line: 2, text: 'export function load() {}' },
      { path: 'src/new.ts', line: 1, text: 'export const fresh = load;' },
    ]);
    expect(result.modelOutput).toBe(
      'src/a.ts:2: export function load() {}\nsrc/new.ts:1: export const fresh = load;',
    );
    expect(result.summary).toBe('2 matches in 2 files');
  });

  it('ignores case, filters by glob, and takes a regular expression', async () => {
    const result = await runSandboxTool(
      'search',
      { pattern: 'load|const a', ignore_case: true, glob: '*.ts', path: 'src/lib' },
      ctx(),
    );
    expect((result.detail as SearchDetail).matches).toEqual([
      { path: 'src/lib/b.ts', line: 2, text: 'const LOAD = a;' },
    ]);
    const byPath = await runSandboxTool('search', { pattern: 'a', glob: 'src/lib/*.ts' }, ctx());
    expect(new Set((byPath.detail as SearchDetail).matches.map((m) => m.path))).toEqual(
      new Set(['src/lib/b.ts']),
    );
  });

  it('searches outside git with grep, without node_modules, and one file', async () => {
    const plain = await runSandboxTool(
      'search',
      { pattern: 'load', path: '/workspace/plain' },
      ctx(),
    );
    expect((plain.detail as SearchDetail).matches).toEqual([
      { path: '/workspace/plain/lib/c.ts', line: 1, text: 'load' },
    ]);
    const one = await runSandboxTool('search', { pattern: 'function', path: 'src/a.ts' }, ctx());
    expect((one.detail as SearchDetail).matches).toEqual([
      { path: 'src/a.ts', line: 2, text: 'export function load() {}' },
    ]);
  });

  it('caps the matches, and reports no match and a bad pattern', async () => {
    const capped = await runSandboxTool('search', { pattern: '^line', max_matches: 5 }, ctx());
    expect((capped.detail as SearchDetail).matches).toHaveLength(5);
    expect((capped.detail as SearchDetail).truncated).toBe(true);
    expect(capped.summary).toBe('5+ matches in 1 file');
    const none = await runSandboxTool('search', { pattern: 'zebra' }, ctx());
    expect(none).toMatchObject({ status: 'ok', summary: 'no matches for zebra' });
    const bad = await runSandboxTool('search', { pattern: '(' }, ctx());
    expect(bad.status).toBe('error');
    expect(bad.modelOutput).toMatch(/^search failed: .*Unmatched/);
  });
});

describe('edit', () => {
  const write = (path: string, content: string) =>
    sh(`printf '%s' '${content.replace(/'/g, `'\\''`)}' > ${repo}/${path}`);
  const read = async (context: ToolContext, path: string) =>
    expect((await runSandboxTool('read_file', { path }, context)).status).toBe('ok');

  it('replaces an exact, unique string and shows a unified diff', async () => {
    await write('e1.txt', 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n');
    const context = ctx();
    await read(context, 'e1.txt');
    const result = await runSandboxTool(
      'edit',
      { path: 'e1.txt', old_string: 'four\n', new_string: 'FOUR $& $1\n' },
      context,
    );
    expect(result).toMatchObject({
      status: 'ok',
      summary: 'edited e1.txt (+1 −1)',
      fileChange: { path: 'e1.txt', change: 'edited' },
    });
    expect(await sh(`cat ${repo}/e1.txt`)).toBe('one\ntwo\nthree\nFOUR $& $1\nfive\nsix\nseven');
    expect((result.detail as EditDetail).diff).toBe(
      '--- a/e1.txt\n+++ b/e1.txt\n@@ -1,7 +1,7 @@\n one\n two\n three\n-four\n+FOUR $& $1\n five\n six\n seven\n',
    );
    // The edit updated the remembered hash: a second edit needs no new read.
    const again = await runSandboxTool(
      'edit',
      { path: 'e1.txt', old_string: 'one', new_string: 'ONE' },
      context,
    );
    expect(again.status).toBe('ok');
  });

  it('refuses a miss, an ambiguous string, and replaces all when asked', async () => {
    await write('e2.txt', 'a = 1\nb = 1\nc = 2\n');
    const context = ctx();
    await read(context, 'e2.txt');
    const miss = await runSandboxTool(
      'edit',
      { path: 'e2.txt', old_string: 'd = 4', new_string: 'x' },
      context,
    );
    expect(miss).toMatchObject({
      status: 'error',
      modelOutput: 'old_string not found in e2.txt; re-read the file (read_file) before retrying.',
    });
    const prefixed = await runSandboxTool(
      'edit',
      { path: 'e2.txt', old_string: '     1\ta = 1', new_string: 'x' },
      context,
    );
    expect(prefixed.modelOutput).toMatch(/line-number prefix/);
    const ambiguous = await runSandboxTool(
      'edit',
      { path: 'e2.txt', old_string: '= 1', new_string: '= 9' },
      context,
    );
    expect(ambiguous.status).toBe('error');
    expect(ambiguous.modelOutput).toBe(
      'found 2 matches of old_string in e2.txt; add surrounding lines to make it unique or set replace_all',
    );
    const all = await runSandboxTool(
      'edit',
      { path: 'e2.txt', old_string: '= 1', new_string: '= 9', replace_all: true },
      context,
    );
    expect(all.modelOutput).toBe('Edited e2.txt: replaced 2 occurrences (+2 −2 lines).');
    expect(await sh(`cat ${repo}/e2.txt`)).toBe('a = 9\nb = 9\nc = 2');
  });

  it('keeps CRLF line endings', async () => {
    await sh(`printf 'first\\r\\nsecond\\r\\nthird\\r\\n' > ${repo}/crlf.txt`);
    const context = ctx();
    await read(context, 'crlf.txt');
    const result = await runSandboxTool(
      'edit',
      { path: 'crlf.txt', old_string: 'first\nsecond', new_string: 'first\nnew\nsecond' },
      context,
    );
    expect(result.status).toBe('ok');
    expect((await sandboxRun(sandbox.containerId, `cat ${repo}/crlf.txt`)).toString()).toBe(
      'first\r\nnew\r\nsecond\r\nthird\r\n',
    );
  });

  it('refuses a file never read, or changed since the read', async () => {
    await write('e3.txt', 'alpha\n');
    const context = ctx();
    const unread = await runSandboxTool(
      'edit',
      { path: 'e3.txt', old_string: 'alpha', new_string: 'beta' },
      context,
    );
    expect(unread).toMatchObject({
      status: 'error',
      modelOutput: 'You have not read e3.txt in this session; read_file it first, then edit.',
    });
    await read(context, 'e3.txt');
    await write('e3.txt', 'alpha changed\n');
    const stale = await runSandboxTool(
      'edit',
      { path: 'e3.txt', old_string: 'alpha', new_string: 'beta' },
      context,
    );
    expect(stale.status).toBe('error');
    expect(stale.modelOutput).toMatch(/^e3.txt changed since you last read it/);
    expect(await sh(`cat ${repo}/e3.txt`)).toBe('alpha changed');
    const missing = await runSandboxTool(
      'edit',
      { path: 'e404.txt', old_string: 'a', new_string: 'b' },
      context,
    );
    expect(missing.modelOutput).toBe('e404.txt does not exist; create it with write_file');
  });

  it('moves the mtime to a new second, so Python sees a same-size edit at once', async () => {
    await sh(String.raw`cd ${repo} && printf 'def add(a, b):\n    return a - b\n' > calc.py &&
      printf 'from calc import add\nprint(add(2, 3))\n' > main.py`);
    const context = ctx();
    await read(context, 'calc.py');
    const run = async () =>
      (await runSandboxTool('run_command', { command: 'python3 main.py' }, context)).detail;
    const edit = (from: string, to: string) =>
      runSandboxTool('edit', { path: 'calc.py', old_string: from, new_string: to }, context);
    expect((await edit('a - b', 'a * b')).status).toBe('ok');
    expect(await run()).toMatchObject({ output: '6\n' });
    expect((await edit('a * b', 'a + b')).status).toBe('ok');
    expect(await run()).toMatchObject({ output: '5\n' });
    // Written within the second of the last write, the file still gets a new whole-second mtime.
    for (const [from, to] of [
      ['a + b', 'a / b'],
      ['a / b', 'a % b'],
      ['a % b', 'a + b'],
    ] as const) {
      const before = await sh(`touch ${repo}/calc.py && stat -c %Y ${repo}/calc.py`);
      expect((await edit(from, to)).status).toBe('ok');
      expect(await sh(`stat -c %Y ${repo}/calc.py`)).not.toBe(before);
    }
  });

  it('leaves the file to the sandbox user, with its mode', async () => {
    // Root in the sandbox has no capabilities (no-new-privileges): the engine's archive API
    // is how a file gets another owner.
    const pack = tar.pack();
    pack.entry({ name: 'root.sh', mode: 0o755, uid: 0, gid: 0 }, 'owned by root\n');
    pack.finalize();
    // tar-stream's pack is a streamx Readable: it pipes into the request as a Node stream does.
    await sandbox.runtime.putArchive(
      sandbox.containerId,
      repo,
      pack as unknown as NodeJS.ReadableStream,
    );
    expect(await sh(`stat -c '%u %a' ${repo}/root.sh`)).toBe('0 755');
    const context = ctx();
    await read(context, 'root.sh');
    const result = await runSandboxTool(
      'edit',
      { path: 'root.sh', old_string: 'root', new_string: 'berth' },
      context,
    );
    expect(result.status).toBe('ok');
    expect(
      await sh(
        `stat -c '%u:%g %a' ${repo}/root.sh; cat ${repo}/root.sh; ls -a ${repo} | grep -c berth-edit`,
      ),
    ).toBe('1000:1000 755\nowned by berth\n0');
  });
});

describe('write_file', () => {
  it('creates a file and its parents as the sandbox user, and never overwrites', async () => {
    const context = ctx();
    const result = await runSandboxTool(
      'write_file',
      { path: 'new/dir/w.txt', content: 'hello\nworld\n' },
      context,
    );
    expect(result).toMatchObject({
      status: 'ok',
      summary: 'created new/dir/w.txt (2 lines)',
      fileChange: { path: 'new/dir/w.txt', change: 'created' },
    });
    expect((result.detail as EditDetail).diff).toBe(
      '--- /dev/null\n+++ b/new/dir/w.txt\n@@ -0,0 +1,2 @@\n+hello\n+world\n',
    );
    expect(
      await sh(
        `stat -c '%u:%g %a' ${repo}/new/dir/w.txt ${repo}/new/dir; cat ${repo}/new/dir/w.txt`,
      ),
    ).toBe('1000:1000 644\n1000:1000 755\nhello\nworld');
    const again = await runSandboxTool(
      'write_file',
      { path: 'new/dir/w.txt', content: 'other' },
      context,
    );
    expect(again).toMatchObject({
      status: 'error',
      modelOutput: 'new/dir/w.txt exists; use edit to change it (read_file it first)',
    });
    // What was written counts as read: it can be edited at once.
    const edited = await runSandboxTool(
      'edit',
      { path: 'new/dir/w.txt', old_string: 'world', new_string: 'there' },
      context,
    );
    expect(edited.status).toBe('ok');
  });

  it('refuses more than 64,000 bytes', async () => {
    const result = await runSandboxTool(
      'write_file',
      { path: 'huge.txt', content: 'x'.repeat(64_001) },
      ctx(),
    );
    expect(result.status).toBe('error');
    expect(result.modelOutput).toMatch(/^content is 64001 bytes/);
  });
});
