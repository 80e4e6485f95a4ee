import { describe, expect, it } from 'vitest';
import type { PortForward, SessionPorts } from '../../../../shared/contract/ports';
import {
  activeUrl,
  addressLabel,
  codeParts,
  connectionsText,
  forwardStatus,
  listeningCount,
  nothingListens,
  parsePort,
  portRows,
  portsStateText,
  withForward,
} from './portRows';

const python = { pid: 10, name: 'python3', command: 'python3 -m http.server 8000' };

const ports = (over: Partial<SessionPorts> = {}): SessionPorts => ({
  sessionId: 's1',
  state: 'watching',
  listening: [],
  forwards: [],
  alwaysForward: [],
  ...over,
});

const active: PortForward = {
  port: 8000,
  status: 'active',
  localPort: 8001,
  url: 'http://localhost:8001/',
  connections: 2,
};

describe('portRows', () => {
  it('merges listening ports, forwards and always-forward ports into one row per port, by number', () => {
    const rows = portRows(
      ports({
        listening: [
          { port: 8000, addresses: ['127.0.0.1'], process: python },
          { port: 5173, addresses: ['0.0.0.0'] },
        ],
        forwards: [active, { port: 3000, status: 'gone', connections: 0 }],
        alwaysForward: [9229, 8000],
      }),
    );
    expect(rows.map((r) => r.port)).toEqual([3000, 5173, 8000, 9229]);
    expect(rows[0]).toEqual({
      port: 3000,
      forward: { port: 3000, status: 'gone', connections: 0 },
      alwaysForward: false,
    });
    expect(rows[1]).toEqual({
      port: 5173,
      listening: { port: 5173, addresses: ['0.0.0.0'] },
      alwaysForward: false,
    });
    expect(rows[2]?.listening?.process).toEqual(python);
    expect(rows[2]?.forward).toBe(active);
    expect(rows[2]?.alwaysForward).toBe(true);
    expect(rows[3]).toEqual({ port: 9229, alwaysForward: true });
  });

  it('sorts numerically, not as text', () => {
    const rows = portRows(
      ports({ listening: [80, 10000, 9, 443].map((port) => ({ port, addresses: ['::'] })) }),
    );
    expect(rows.map((r) => r.port)).toEqual([9, 80, 443, 10000]);
  });

  it('is empty for nothing', () => {
    expect(portRows(ports())).toEqual([]);
  });
});

describe('listeningCount', () => {
  it('counts listening ports while watching only', () => {
    const listening = [{ port: 1, addresses: ['::'] }];
    expect(listeningCount(ports({ listening }))).toBe(1);
    expect(listeningCount(ports({ listening, state: 'starting' }))).toBe(0);
    expect(listeningCount(undefined)).toBe(0);
  });
});

describe('addressLabel', () => {
  it('says loopback or all interfaces in plain words', () => {
    expect(addressLabel('127.0.0.1')).toBe('127.0.0.1 (loopback only)');
    expect(addressLabel('127.0.1.1')).toBe('127.0.1.1 (loopback only)');
    expect(addressLabel('::1')).toBe('::1 (loopback only)');
    expect(addressLabel('::ffff:127.0.0.1')).toBe('::ffff:127.0.0.1 (loopback only)');
    expect(addressLabel('0.0.0.0')).toBe('0.0.0.0 (all interfaces)');
    expect(addressLabel('::')).toBe(':: (all interfaces)');
  });

  it('leaves the sandbox’s own addresses as they are', () => {
    expect(addressLabel('172.17.0.2')).toBe('172.17.0.2');
    expect(addressLabel('fe80::1')).toBe('fe80::1');
    expect(addressLabel('1270.0.0.1')).toBe('1270.0.0.1');
  });
});

describe('forwardStatus', () => {
  it('says not forwarded for none', () => {
    expect(forwardStatus(undefined)).toEqual({ kind: 'none', text: 'Not forwarded' });
  });

  it('links an active forward to its local port', () => {
    expect(forwardStatus(active)).toEqual({
      kind: 'active',
      text: 'Forwarded →',
      link: { text: 'localhost:8001', url: 'http://localhost:8001/' },
    });
    expect(forwardStatus({ ...active, error: 'connect ECONNREFUSED' }).detail).toBe(
      'connect ECONNREFUSED',
    );
  });

  it('explains gone, and shows the error of a failed forward', () => {
    expect(forwardStatus({ port: 1, status: 'gone', connections: 0 }).text).toBe(
      'Gone — not listening; comes back when it listens again',
    );
    expect(
      forwardStatus({ port: 1, status: 'failed', error: 'No free local port.', connections: 0 }),
    ).toEqual({ kind: 'failed', text: 'No free local port.' });
    expect(forwardStatus({ port: 1, status: 'failed', connections: 0 }).text).toBe(
      'Could not forward this port.',
    );
  });
});

describe('connectionsText and activeUrl', () => {
  it('counts open connections, with nothing for none', () => {
    expect(connectionsText(active)).toBe('2 open connections');
    expect(connectionsText({ ...active, connections: 1 })).toBe('1 open connection');
    expect(connectionsText({ ...active, connections: 0 })).toBeNull();
    expect(connectionsText(undefined)).toBeNull();
  });

  it('has a URL for an active forward only', () => {
    expect(activeUrl(active)).toBe('http://localhost:8001/');
    expect(activeUrl({ ...active, status: 'gone' })).toBeNull();
    expect(activeUrl(undefined)).toBeNull();
  });
});

describe('parsePort', () => {
  it('accepts 1 to 65535, with spaces around', () => {
    expect(parsePort('1')).toEqual({ port: 1 });
    expect(parsePort(' 8000 ')).toEqual({ port: 8000 });
    expect(parsePort('65535')).toEqual({ port: 65535 });
  });

  it('says what is wrong otherwise', () => {
    expect(parsePort('')).toEqual({ error: 'Enter a port number.' });
    expect(parsePort('   ')).toEqual({ error: 'Enter a port number.' });
    for (const bad of ['0', '65536', '-1', '80.5', '1e3', 'abc', '0x50', '99999999999999999999']) {
      expect(parsePort(bad)).toEqual({ error: 'A port is a whole number from 1 to 65535.' });
    }
  });
});

describe('portsStateText', () => {
  it('says what each state means', () => {
    expect(portsStateText(undefined, 0)).toBe('Looking for listening ports…');
    expect(portsStateText(ports({ state: 'starting' }), 0)).toBe('Looking for listening ports…');
    expect(portsStateText(ports({ state: 'stopped' }), 2)).toBe(
      'Start the session to see its ports.',
    );
    expect(portsStateText(ports({ state: 'unavailable', error: 'No /proc here.' }), 0)).toBe(
      'No /proc here.',
    );
  });

  it('waits for a session whose engine is away instead of asking to start it', () => {
    expect(portsStateText(ports({ state: 'stopped' }), 0, true)).toMatch(
      /^Reconnecting to the engine: .* come back/,
    );
  });

  it('says how to start a server when nothing listens, and nothing when rows show', () => {
    expect(portsStateText(ports(), 0)).toBe(nothingListens);
    expect(portsStateText(ports(), 1)).toBeNull();
  });
});

describe('codeParts', () => {
  it('splits text at backticks into prose and code', () => {
    expect(codeParts('Run `a b` now')).toEqual([
      { text: 'Run ', code: false },
      { text: 'a b', code: true },
      { text: ' now', code: false },
    ]);
    expect(codeParts('plain')).toEqual([{ text: 'plain', code: false }]);
  });
});

describe('withForward', () => {
  it('puts a returned forward in place of the old one', () => {
    const before = ports({ forwards: [{ port: 3000, status: 'gone', connections: 0 }, active] });
    const after = withForward(before, { port: 3000, status: 'failed', error: 'x', connections: 0 });
    expect(after.forwards.map((f) => [f.port, f.status])).toEqual([
      [3000, 'failed'],
      [8000, 'active'],
    ]);
    expect(before.forwards[0]?.status).toBe('gone');
  });
});
