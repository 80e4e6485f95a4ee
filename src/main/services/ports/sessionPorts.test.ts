import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../storage/db';
import { PortForwardsTable } from '../../storage/portForwardsTable';
import { SessionsTable } from '../../storage/sessionsTable';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import type { ListenReport } from './procNet';
import type { RelayClient, RelayHandlers } from './relay/relayClient';
import type { startRelay } from './relay/relayProcess';
import { SessionPorts } from './sessionPorts';

// The session's ports without a sandbox: a stand-in relay reports listeners and answers dials
// with an in-memory echo, so the forward rules (gone, back, always forward) run on their own.

const row = (port: number, inode: number) =>
  `0: 0100007F:${port.toString(16).toUpperCase().padStart(4, '0')} 00000000:0000 0A 00000000:00000000 00:00000000 00000000 1000 0 ${inode} 1`;

class FakeRelay {
  handlers!: RelayHandlers;
  dials: string[] = [];
  closed = false;
  report(ports: number[]): void {
    const report: ListenReport = {
      tcp: ports.map((p, i) => row(p, 100 + i)),
      tcp6: [],
      owners: {},
    };
    this.handlers.onPorts(report);
  }
  refuse = false;
  open(host: string, port: number): Promise<Duplex> {
    this.dials.push(`${host}:${port}`);
    if (this.refuse) {
      return Promise.reject(
        Object.assign(new Error('Connection refused'), { code: 'ECONNREFUSED' }),
      );
    }
    const echo = new Duplex({
      read() {},
      write(chunk, _encoding, callback) {
        this.push(chunk);
        callback();
      },
      final(callback) {
        this.push(null);
        callback();
      },
    });
    return Promise.resolve(echo);
  }
  close(): void {
    this.closed = true;
    this.handlers.onClose();
  }
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('a session’s ports', () => {
  let dir: string;
  let db: Db;
  let table: PortForwardsTable;
  let relays: FakeRelay[];
  let failing: Error | undefined;
  /** Ports a new relay reports before its start resolves (its first report can be that quick). */
  let reportAtStart: number[] | undefined;
  let ports: SessionPorts;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-ports-'));
    db = openDb(dir);
    new SessionsTable(db).insert({
      id: 's1',
      name: 'one',
      status: 'running',
      engineId: 'local',
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    } as never);
    table = new PortForwardsTable(db);
    relays = [];
    failing = undefined;
    reportAtStart = undefined;
    const start = (async (_runtime, _containerId, handlers) => {
      if (failing) throw failing;
      const relay = new FakeRelay();
      relay.handlers = handlers;
      relays.push(relay);
      if (reportAtStart) relay.report(reportAtStart);
      return relay as unknown as RelayClient;
    }) as typeof startRelay;
    ports = new SessionPorts('s1', {
      runtime: {} as SandboxRuntime,
      table,
      changed: () => {},
      start,
    });
  });

  afterEach(() => {
    ports?.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('forwards a port asked for before it listens as soon as it does', async () => {
    ports.run('c1');
    await until(() => ports.view().state === 'watching');
    expect(await ports.forward(4100)).toMatchObject({ port: 4100, status: 'gone' });
    relays[0]!.report([4100]);
    await until(() => ports.view().forwards[0]?.status === 'active');
    const forward = ports.view().forwards[0]!;
    const reply = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: forward.localPort! });
      socket.on('data', (chunk: Buffer) => {
        resolve(chunk.toString());
        socket.destroy();
      });
      socket.write('ping');
    });
    expect(reply).toBe('ping');
    expect(relays[0]!.dials).toEqual(['127.0.0.1:4100']);
  });

  it('forwards again after a lost relay when the new one reports the port before it is up', async () => {
    ports.run('c1');
    await until(() => ports.view().state === 'watching');
    relays[0]!.report([4200]);
    const first = await ports.forward(4200);
    expect(first.status).toBe('active');
    // The server ran on while the relay was lost: the new relay's first report has it, and no
    // later report changes anything.
    reportAtStart = [4200];
    relays[0]!.close();
    await until(() => relays.length === 2 && ports.view().forwards[0]?.status === 'active');
    expect(ports.view().forwards[0]!.localPort).toBe(first.localPort);
  });

  it('resets a connection the sandbox refuses at once, and says so on the forward', async () => {
    ports.run('c1');
    await until(() => ports.view().state === 'watching');
    relays[0]!.report([4400]);
    const forward = await ports.forward(4400);
    relays[0]!.refuse = true;
    const failure = await new Promise<NodeJS.ErrnoException>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: forward.localPort! });
      socket.on('error', resolve);
    });
    expect(failure.code).toBe('ECONNRESET');
    expect(ports.view().forwards[0]).toMatchObject({
      status: 'active',
      error: 'The sandbox refused a connection to 127.0.0.1:4400 (Connection refused).',
    });
    // The next connection that works clears it.
    relays[0]!.refuse = false;
    await new Promise<void>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: forward.localPort! }, () => {
        socket.write('x');
      });
      socket.on('data', () => {
        socket.destroy();
        resolve();
      });
    });
    await until(() => ports.view().forwards[0]?.error === undefined);
  });

  it('forwards an "always forward" port each time it starts listening, not after a stop', async () => {
    ports.run('c1');
    await until(() => ports.view().state === 'watching');
    await ports.setAlwaysForward(4200, true);
    expect(ports.view()).toMatchObject({ forwards: [], alwaysForward: [4200] });
    relays[0]!.report([4200]);
    await until(() => ports.view().forwards[0]?.status === 'active');
    ports.stopForward(4200);
    relays[0]!.report([4200, 4201]);
    await new Promise((r) => setTimeout(r, 50));
    expect(ports.view().forwards).toEqual([]);
    relays[0]!.report([4201]);
    relays[0]!.report([4200, 4201]);
    await until(() => ports.view().forwards[0]?.status === 'active');
  });

  it('says why when the relay cannot start, and tries again', async () => {
    failing = new Error('The port relay could not start in the sandbox: python3 not found.');
    ports.run('c1');
    await until(() => ports.view().state === 'unavailable');
    expect(ports.view().error).toMatch(/python3 not found/);
    failing = undefined;
    await until(() => ports.view().state === 'watching');
    expect(ports.view().error).toBeUndefined();
  });

  it('keeps forwards through a stop, gone, and forgets them when the session is deleted', async () => {
    ports.run('c1');
    await until(() => ports.view().state === 'watching');
    relays[0]!.report([4300]);
    await ports.forward(4300);
    const local = ports.view().forwards[0]!.localPort;
    ports.stop();
    expect(relays[0]!.closed).toBe(true);
    expect(ports.view()).toMatchObject({
      state: 'stopped',
      listening: [],
      forwards: [{ port: 4300, status: 'gone', localPort: local }],
    });
    ports.forget();
    expect(table.list('s1')).toEqual([]);
  });
});
