import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcError, type Session, type TerminalOutput } from '../../../shared/contract';
import { openDb, type Db } from '../../storage/db';
import { SessionsTable } from '../../storage/sessionsTable';
import { TerminalsTable } from '../../storage/terminalsTable';
import { EventBus } from '../events';
import { FakeRuntime } from './fakeRuntime';
import { TerminalsService } from './terminalsService';

const now = '2026-01-01T00:00:00.000Z';

let dir: string;
let db: Db;
let bus: EventBus;
let runtime: FakeRuntime;
let sessionStatus: Session['status'];
let service: TerminalsService;

const session = (status: Session['status'], statusDetail?: string): Session => ({
  id: 's1',
  name: 'one',
  status,
  engineId: 'local',
  createdAt: now,
  updatedAt: now,
  repositories: [],
  ...(statusDetail ? { statusDetail } : {}),
});

function makeService(): TerminalsService {
  return new TerminalsService({
    table: new TerminalsTable(db),
    runtime,
    bus,
    sessions: {
      exists: (id) => id === 's1',
      workingDirOf: () => '/workspace',
      containerOf: (id) => {
        if (id !== 's1') throw new RpcError('not_found', `No session ${id}.`);
        if (sessionStatus !== 'running') {
          throw new RpcError('conflict', 'Session one is stopped: start it to open terminals.');
        }
        return 'c1';
      },
    },
  });
}

/** Everything a window subscribed to one terminal's output has received. */
function watch(id: string) {
  const chunks: TerminalOutput[] = [];
  bus.on('terminals.output', (chunk) => chunks.push(chunk), id);
  return { chunks, text: () => chunks.map((c) => c.data).join('') };
}

async function until(check: () => boolean, what: string, ms = 2000): Promise<void> {
  for (let i = 0; i < ms / 10; i++) {
    if (check()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-terminals-'));
  db = openDb(dir);
  new SessionsTable(db).insert({ ...session('running'), containerId: 'c1' });
  bus = new EventBus();
  runtime = new FakeRuntime();
  sessionStatus = 'running';
  service = makeService();
});

afterEach(async () => {
  await service.dispose();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TerminalsService (fake sandbox)', () => {
  it('opens numbered tabs running a login shell with a colour terminal', async () => {
    const changed: string[] = [];
    bus.on('terminals.changed', (t) => changed.push(t.title), 's1');
    const first = await service.open({ sessionId: 's1', cols: 100, rows: 30 });
    const second = await service.open({ sessionId: 's1', cols: 80, rows: 24, title: 'logs' });
    expect(first).toMatchObject({ title: 'Terminal 1', status: 'running', position: 0 });
    expect(second).toMatchObject({ title: 'logs', position: 1 });
    expect(changed).toEqual(['Terminal 1', 'logs']);
    const shell = runtime.shellsOf(first.id)[0]!;
    // A login shell, started in the session's working directory.
    expect(shell.options.cmd.at(-1)).toBe('/workspace');
    expect(shell.options.cmd[2]).toContain('exec /bin/bash -l');
    expect(shell.options).toMatchObject({
      tty: true,
      cols: 100,
      rows: 30,
      env: { TERM: 'xterm-256color', COLORTERM: 'truecolor', LANG: 'C.UTF-8' },
    });
    expect((await service.list({ sessionId: 's1' })).map((t) => t.title)).toEqual([
      'Terminal 1',
      'logs',
    ]);
  });

  it('refuses to open a terminal in a stopped session', async () => {
    sessionStatus = 'stopped';
    await expect(service.open({ sessionId: 's1', cols: 80, rows: 24 })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('sends output to its own terminal only, numbered, and keeps it for attach', async () => {
    const a = await service.open({ sessionId: 's1', cols: 80, rows: 24 });
    const b = await service.open({ sessionId: 's1', cols: 80, rows: 24 });
    const outA = watch(a.id);
    const outB = watch(b.id);
    runtime.shellsOf(a.id)[0]!.print('hello\r\n');
    await until(() => outA.text() === 'hello\r\n', 'output');
    expect(outB.chunks).toEqual([]);
    const snapshot = await service.attach({ id: a.id });
    expect(snapshot.data).toBe('hello\r\n');
    expect(snapshot.seq).toBe(outA.chunks.at(-1)!.seq);
  });

  it('writes input to the shell, and refuses once the shell has exited', async () => {
    const t = await service.open({ sessionId: 's1', cols: 80, rows: 24 });
    await service.write({ id: t.id, data: 'ls\r' });
    const shell = runtime.shellsOf(t.id)[0]!;
    expect(shell.input).toBe('ls\r');
    const out = watch(t.id);
    const exited = new Promise((resolve) => bus.on('terminals.changed', resolve, 's1'));
    shell.exit(3);
    expect(await exited).toMatchObject({ status: 'exited', exitCode: 3 });
    expect(out.text()).toContain('[shell exited with code 3]');
    await expect(service.write({ id: t.id, data: 'x' })).rejects.toThrow(
      'The shell in Terminal 1 has exited: restart it or close the tab.',
    );
    expect(new TerminalsTable(db).scrollback(t.id)).toContain('[shell exited with code 3]');
  });

  it('restarts an exited shell, keeping the scrollback behind a separator', async () => {
    const t = await service.open({ sessionId: 's1', cols: 80, rows: 24 });
    runtime.shellsOf(t.id)[0]!.print('before\r\n');
    await sleep(20);
    runtime.shellsOf(t.id)[0]!.exit(0);
    await until(() => new TerminalsTable(db).get(t.id)?.status === 'exited', 'exit');
    const restarted = await service.restart({ id: t.id });
    expect(restarted).toMatchObject({ status: 'running' });
    expect(restarted.exitCode).toBeUndefined();
    expect(runtime.shellsOf(t.id)).toHaveLength(2);
    const { data } = await service.attach({ id: t.id });
    expect(data).toMatch(/before\r\n[\s\S]*shell exited with code 0[\s\S]*── shell restarted ──/);
    await expect(service.restart({ id: t.id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('resizes the shell and saves the size', async () => {
    const t = await service.open({ sessionId: 's1', cols: 80, rows: 24 });
    const resized = await service.resize({ id: t.id, cols: 120, rows: 40 });
    expect(resized).toMatchObject({ cols: 120, rows: 40 });
    expect(runtime.shellsOf(t.id)[0]!.size).toEqual({ cols: 120, rows: 40 });
    expect((await service.rename({ id: t.id, title: 'build' })).title).toBe('build');
  });

  it('close ends the shell and removes the tab', async () => {
    const t = await service.open({ sessionId: 's1', cols: 80, rows: 24 });
    const closed = new Promise((resolve) => bus.on('terminals.closed', resolve, 's1'));
    await service.close({ id: t.id });
    expect(await closed).toEqual({ id: t.id, sessionId: 's1' });
    expect(runtime.shellsOf(t.id)[0]!.running).toBe(false);
    expect(await service.list({ sessionId: 's1' })).toEqual([]);
    await expect(service.attach({ id: t.id })).rejects.toThrow(`No terminal ${t.id}.`);
  });

  it('unknown terminals are not_found', async () => {
    for (const call of [
      service.attach({ id: 'nope' }),
      service.write({ id: 'nope', data: 'x' }),
      service.ack({ id: 'nope', chars: 1 }),
      service.close({ id: 'nope' }),
    ]) {
      await expect(call).rejects.toMatchObject({ code: 'not_found', message: 'No terminal nope.' });
    }
  });

  it('pauses output while a window has not acknowledged 100 K characters', async () => {
    const t = await service.open({ sessionId: 's1', cols: 80, rows: 24 });
    const out = watch(t.id);
    const shell = runtime.shellsOf(t.id)[0]!;
    shell.print('x'.repeat(120_000));
    await until(() => out.text().length === 120_000, 'flood');
    expect(shell.isPaused()).toBe(true);
    await service.ack({ id: t.id, chars: 110_000 });
    expect(shell.isPaused()).toBe(false);
  });

  it('marks tabs exited when the session stops, and closes them when it is deleted', async () => {
    const t = await service.open({ sessionId: 's1', cols: 80, rows: 24 });
    const out = watch(t.id);
    sessionStatus = 'error';
    runtime.stopContainer();
    bus.emit('sessions.changed', session('error', 'out of memory'), 's1');
    const stopped = new TerminalsTable(db).get(t.id)!;
    expect(stopped).toMatchObject({ status: 'exited', exitReason: 'Sandbox lost: out of memory' });
    expect(out.text()).toContain('[Sandbox lost: out of memory]');
    await sleep(50);
    expect(new TerminalsTable(db).get(t.id)!.exitReason).toBe('Sandbox lost: out of memory');
    await expect(service.restart({ id: t.id })).rejects.toThrow('start it to open terminals');

    const closed = new Promise((resolve) => bus.on('terminals.closed', resolve, 's1'));
    bus.emit('sessions.changed', session('deleted'), 's1');
    await closed;
    expect(await service.list({ sessionId: 's1' })).toEqual([]);
  });

  it('says "Sandbox stopped" when the sandbox goes away and no session event follows', async () => {
    const t = await service.open({ sessionId: 's1', cols: 80, rows: 24 });
    runtime.stopContainer();
    await until(() => new TerminalsTable(db).get(t.id)?.status === 'exited', 'verdict', 5000);
    expect(new TerminalsTable(db).get(t.id)).toMatchObject({ exitReason: 'Sandbox stopped' });
  }, 10_000);

  it('a new workbench gets the tab back with its scrollback and a new shell', async () => {
    const t = await service.open({ sessionId: 's1', cols: 80, rows: 24 });
    runtime.shellsOf(t.id)[0]!.print('old text\r\n');
    await sleep(20);
    await service.dispose();
    expect(runtime.shellsOf(t.id)[0]!.running).toBe(false);

    service = makeService();
    const snapshot = await service.attach({ id: t.id });
    expect(snapshot.terminal.status).toBe('running');
    expect(snapshot.data).toMatch(/^old text\r\n[\s\S]*── shell restarted ──/);
    expect(runtime.shellsOf(t.id)).toHaveLength(2);
    expect(runtime.shellsOf(t.id)[1]!.running).toBe(true);
  });

  it('saves the scrollback about 2 s after output, so a crash loses little', async () => {
    const t = await service.open({ sessionId: 's1', cols: 80, rows: 24 });
    runtime.shellsOf(t.id)[0]!.print('keep me\r\n');
    await sleep(50);
    expect(new TerminalsTable(db).scrollback(t.id)).toBe('');
    await until(() => new TerminalsTable(db).scrollback(t.id) === 'keep me\r\n', 'save', 3000);
  }, 10_000);

  it('two windows attaching at once after a restart start one shell', async () => {
    const t = await service.open({ sessionId: 's1', cols: 80, rows: 24 });
    await service.dispose();
    service = makeService();
    const [a, b] = await Promise.all([service.attach({ id: t.id }), service.attach({ id: t.id })]);
    expect(runtime.shellsOf(t.id)).toHaveLength(2);
    expect(a.data).toBe(b.data);
  });

  it('a new workbench shows the tab as exited when the session is stopped', async () => {
    const t = await service.open({ sessionId: 's1', cols: 80, rows: 24 });
    await service.dispose();
    sessionStatus = 'stopped';
    service = makeService();
    const snapshot = await service.attach({ id: t.id });
    expect(snapshot.terminal).toMatchObject({ status: 'exited', exitReason: 'Session is stopped' });
    expect(runtime.shellsOf(t.id)).toHaveLength(1);
  });
});
