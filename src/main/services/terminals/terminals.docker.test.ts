import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RpcError, type Session, type Terminal } from '../../../shared/contract';
import { resourcesDir } from '../../paths';
import { openDb, type Db } from '../../storage/db';
import { SessionsTable } from '../../storage/sessionsTable';
import { TerminalsTable } from '../../storage/terminalsTable';
import { createDockerClient } from '../engines/dockerClient';
import { EventBus } from '../events';
import { DockerSandboxRuntime } from '../sandboxes/dockerSandboxRuntime';
import { helperWindowBytes } from './shell';
import { TerminalsService } from './terminalsService';

// Terminals against the real Docker engine and a real SQLite file: real bash in a real sandbox.
const { docker } = createDockerClient();
const runtime = new DockerSandboxRuntime(docker, {
  profileDir: join(resourcesDir(), 'profiles', 'default'),
});
const sessionId = `terminals-${randomUUID().slice(0, 8)}`;

let dir: string;
let db: Db;
let sessions: SessionsTable;
let bus: EventBus;
let containerId: string;
let service: TerminalsService;

function makeService(): TerminalsService {
  return new TerminalsService({
    table: new TerminalsTable(db),
    runtime,
    bus,
    sessions: {
      exists: (id) => sessions.get(id) !== undefined,
      workingDirOf: () => '/workspace',
      containerOf: (id) => {
        const session = sessions.get(id);
        if (!session) throw new RpcError('not_found', `No session ${id}.`);
        if (session.status !== 'running' || !session.containerId) {
          throw new RpcError(
            'conflict',
            `Session ${session.name} is stopped: start it to open terminals.`,
          );
        }
        return session.containerId;
      },
    },
  });
}

const watchers: (() => void)[] = [];
afterEach(() => {
  for (const off of watchers.splice(0)) off();
});

/** A terminal's output as a window receives it, acknowledging after `ackDelayMs` like xterm. */
function watch(id: string, ackDelayMs = 0) {
  let text = '';
  let inFlight = 0;
  let maxInFlight = 0;
  const off = bus.on(
    'terminals.output',
    (chunk) => {
      text += chunk.data;
      inFlight += chunk.data.length;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight -= chunk.data.length;
        void service.ack({ id, chars: chunk.data.length }).catch(() => undefined);
      }, ackDelayMs);
    },
    id,
  );
  watchers.push(off);
  return {
    text: () => text,
    maxInFlight: () => maxInFlight,
    async waitFor(pattern: RegExp, ms = 15_000): Promise<RegExpMatchArray> {
      for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) {
        const match = text.match(pattern);
        if (match) return match;
      }
      throw new Error(
        `Terminal output never matched ${pattern}; got …${JSON.stringify(text.slice(-500))}`,
      );
    },
  };
}

/** Runs a command in the sandbox, without a TTY, and returns what it printed. */
async function run(cmd: string[]): Promise<string> {
  const exec = await runtime.exec(containerId, { cmd, tty: false });
  let out = '';
  exec.stream.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  await new Promise((resolve) => exec.stream.once('end', resolve));
  await exec.wait();
  return out;
}

/** Command lines of the sandbox's processes, this `ps` left out. */
async function processes(): Promise<string[]> {
  return (await run(['ps', '-eo', 'args=']))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('ps -eo'));
}

const count = (list: string[], args: string) => list.filter((line) => line === args).length;

function changedTo(id: string, status: Terminal['status']): Promise<Terminal> {
  return new Promise((resolve) => {
    const off = bus.on('terminals.changed', (terminal) => {
      if (terminal.id === id && terminal.status === status) {
        off();
        resolve(terminal);
      }
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-terminals-docker-'));
  db = openDb(dir);
  sessions = new SessionsTable(db);
  bus = new EventBus();
  const image = await runtime.ensureImage(() => {});
  containerId = await runtime.create({ sessionId, sessionName: sessionId, image });
  await runtime.start(containerId);
  const now = new Date().toISOString();
  sessions.insert({
    id: sessionId,
    name: sessionId,
    status: 'running',
    engineId: 'local',
    image,
    containerId,
    createdAt: now,
    updatedAt: now,
  });
  service = makeService();
});

afterAll(async () => {
  await service?.dispose();
  if (containerId) await runtime.remove(containerId, sessionId);
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('terminals in a real sandbox', () => {
  let first: Terminal;
  let second: Terminal;

  it('runs two shells whose output stays in their own tab', async () => {
    first = await service.open({ sessionId, cols: 80, rows: 24 });
    second = await service.open({ sessionId, cols: 80, rows: 24 });
    const one = watch(first.id);
    const two = watch(second.id);
    await service.attach({ id: first.id });
    await service.attach({ id: second.id });
    // The quotes keep the typed command itself from matching: only the output reads `hello`.
    await service.write({ id: first.id, data: 'echo hel""lo; pwd\r' });
    await one.waitFor(/\rhello\r\n\/workspace\r\n/);
    await service.write({ id: second.id, data: 'echo sec""ond\r' });
    await two.waitFor(/\rsecond\r\n/);
    expect(two.text()).not.toMatch(/\rhello\r\n/);
    expect(one.text()).not.toMatch(/\rsecond\r\n/);
    expect((await service.list({ sessionId })).map((t) => t.title)).toEqual([
      'Terminal 1',
      'Terminal 2',
    ]);
  });

  it('tells the shell its new size', async () => {
    const out = watch(first.id);
    const resized = await service.resize({ id: first.id, cols: 132, rows: 43 });
    expect(resized).toMatchObject({ cols: 132, rows: 43 });
    await service.write({ id: first.id, data: 'stty size\r' });
    await out.waitFor(/\r43 132\r\n/);
  });

  it('delivers 1 MB of output complete and in order while the window acknowledges', async () => {
    const out = watch(second.id, 15);
    await service.write({
      id: second.id,
      data:
        'head -c 750000 /dev/urandom | base64 > /tmp/big.txt && sha256sum /tmp/big.txt' +
        ' && echo BE""GIN && cat /tmp/big.txt && echo EN""D\r',
    });
    const [, sum] = await out.waitFor(/([0-9a-f]{64}) {2}\/tmp\/big\.txt\r\n/);
    const [, body] = await out.waitFor(/\r\nBEGIN\r\n([\s\S]*)\r\nEND\r\n/, 60_000);
    const file = body!.replaceAll('\r\n', '\n') + '\n';
    expect(file.length).toBeGreaterThan(1_000_000);
    expect(createHash('sha256').update(file).digest('hex')).toBe(sum);
    // The helper sends no more than its window ahead of the acknowledgements (base64: one
    // character per byte).
    expect(out.maxInFlight()).toBeLessThanOrEqual(helperWindowBytes);
  });

  it('stops a flood at Ctrl-C with little old output left to show', async () => {
    // A window that takes 20 ms per batch, as xterm does with a flood of short lines.
    const out = watch(second.id, 20);
    await service.write({ id: second.id, data: "PS1='READY-$((1+1))> '\r" });
    await out.waitFor(/READY-2> $/);
    await service.write({ id: second.id, data: 'yes\r' });
    await out.waitFor(/(y\r\n){1000}/);
    await sleep(1500);
    const before = out.text().length;
    await service.write({ id: second.id, data: '\x03' });
    await out.waitFor(/\^C\r\n[^\r\n]*READY-2> $/, 30_000);
    // The flood waits inside the sandbox (the pty helper sends only against credit, and Ctrl-C
    // drops the terminal's queue), not in the engine's pipes: with a plain TTY exec about 1 MB
    // of `y` lines still came after the ^C here (12 KB with the helper).
    expect(out.text().length - before).toBeLessThan(500_000);
  });

  it('reports `exit 3` as an exited tab with code 3', async () => {
    const out = watch(second.id);
    const exited = changedTo(second.id, 'exited');
    await service.write({ id: second.id, data: 'exit 3\r' });
    expect(await exited).toMatchObject({ status: 'exited', exitCode: 3 });
    expect(out.text()).toContain('[shell exited with code 3]');
    await expect(service.write({ id: second.id, data: 'ls\r' })).rejects.toThrow(
      'The shell in Terminal 2 has exited: restart it or close the tab.',
    );
  });

  it('restarts the exited shell in the same tab', async () => {
    const restarted = await service.restart({ id: second.id });
    expect(restarted.status).toBe('running');
    const out = watch(second.id);
    await service.write({ id: second.id, data: 'echo ag""ain\r' });
    await out.waitFor(/\ragain\r\n/);
    const { data } = await service.attach({ id: second.id });
    expect(data).toMatch(/\[shell exited with code 3\][\s\S]*── shell restarted ──[\s\S]*again/);
  });

  it('close ends the shell and the program running in it', async () => {
    const before = await processes();
    watch(second.id);
    await service.write({ id: second.id, data: 'sleep 4242\r' });
    for (let i = 0; i < 100 && count(await processes(), 'sleep 4242') === 0; i++) await sleep(50);
    expect(count(await processes(), 'sleep 4242')).toBe(1);
    await service.close({ id: second.id });
    const after = await processes();
    expect(count(after, 'sleep 4242')).toBe(0);
    expect(count(after, '/bin/bash -l')).toBe(count(before, '/bin/bash -l') - 1);
    expect((await service.list({ sessionId })).map((t) => t.id)).toEqual([first.id]);
  });

  it('a new workbench gets the tab back with its old text and a new shell', async () => {
    const out = watch(first.id);
    await service.write({ id: first.id, data: 'echo remem""bered\r' });
    await out.waitFor(/\rremembered\r\n/);
    await service.dispose();
    expect(count(await processes(), '/bin/bash -l')).toBe(0);

    service = makeService();
    const snapshot = await service.attach({ id: first.id });
    expect(snapshot.terminal.status).toBe('running');
    expect(snapshot.data).toMatch(/\rremembered\r\n[\s\S]*── shell restarted ──/);
    const again = watch(first.id);
    await service.write({ id: first.id, data: 'echo ali""ve\r' });
    await again.waitFor(/\ralive\r\n/);
    expect(count(await processes(), '/bin/bash -l')).toBe(1);
  });

  it('stopping the session ends its shells with a reason', async () => {
    const out = watch(first.id);
    await runtime.stop(containerId);
    const stopped: Session = {
      ...sessions.update(sessionId, { status: 'stopped' }),
      repositories: [],
    };
    bus.emit('sessions.changed', stopped, sessionId);
    const terminal = new TerminalsTable(db).get(first.id)!;
    expect(terminal).toMatchObject({ status: 'exited', exitReason: 'Session stopped' });
    expect(out.text()).toContain('[Session stopped]');
    await sleep(500);
    expect(new TerminalsTable(db).get(first.id)!.exitReason).toBe('Session stopped');
    await expect(service.open({ sessionId, cols: 80, rows: 24 })).rejects.toThrow('is stopped');
  });
});
