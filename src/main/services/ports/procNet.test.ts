import { describe, expect, it } from 'vitest';
import {
  dialAddress,
  formatIpv6,
  ipv4FromProc,
  ipv6FromProc,
  listeningPorts,
  parseRow,
} from './procNet';

// Rows as the kernel writes them (x86_64, read in a sandbox).
const tcp = [
  '   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 2152570 1 0000000000000000 100 0 0 10 0',
  '   1: 00000000:1435 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 2152571 1 0000000000000000 100 0 0 10 0',
  // An established connection: not a listener.
  '   2: 0100007F:1F40 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000  1000        0 2152599 1 0000000000000000 20 4 30 10 -1',
];
const tcp6 = [
  '   0: 00000000000000000000000001000000:0BB8 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 2152574 1 0000000000000000 100 0 0 10 0',
  '   1: 00000000000000000000000000000000:1435 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2152575 1 0000000000000000 100 0 0 10 0',
  '   2: 0000000000000000FFFF00000100007F:2328 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2152576 1 0000000000000000 100 0 0 10 0',
];

describe('/proc/net/tcp{,6} rows', () => {
  it('reads little-endian IPv4 and IPv6 words', () => {
    expect(ipv4FromProc('0100007F')).toBe('127.0.0.1');
    expect(ipv4FromProc('00000000')).toBe('0.0.0.0');
    expect(ipv4FromProc('0202A8C0')).toBe('192.168.2.2');
    expect(ipv6FromProc('00000000000000000000000001000000')).toBe('::1');
    expect(ipv6FromProc('00000000000000000000000000000000')).toBe('::');
    expect(ipv6FromProc('0000000000000000FFFF00000100007F')).toBe('::ffff:127.0.0.1');
    expect(ipv4FromProc('zz')).toBeUndefined();
    expect(ipv6FromProc('0100007F')).toBeUndefined();
  });

  it('compresses the longest run of zero groups only (RFC 5952)', () => {
    const bytes = (groups: number[]) => {
      const b = Buffer.alloc(16);
      groups.forEach((g, i) => b.writeUInt16BE(g, i * 2));
      return b;
    };
    expect(formatIpv6(bytes([0x2001, 0xdb8, 0, 0, 1, 0, 0, 0]))).toBe('2001:db8:0:0:1::');
    expect(formatIpv6(bytes([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1]))).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIpv6(bytes([0xfe80, 0, 0, 0, 0x200, 0x5eff, 0xfe00, 0x5301]))).toBe(
      'fe80::200:5eff:fe00:5301',
    );
  });

  it('keeps LISTEN rows only, with port and inode', () => {
    expect(parseRow(tcp[0]!, false)).toEqual({
      address: '127.0.0.1',
      port: 8000,
      inode: '2152570',
    });
    expect(parseRow(tcp[2]!, false)).toBeUndefined();
    expect(parseRow('garbage', false)).toBeUndefined();
    expect(parseRow(tcp6[0]!, true)).toEqual({ address: '::1', port: 3000, inode: '2152574' });
  });

  it('groups addresses by port and names the processes it may see', () => {
    const ports = listeningPorts({
      tcp,
      tcp6,
      owners: {
        '2152570': [16, 'python3', 'python3 -m http.server 8000 --bind 127.0.0.1'],
        '2152574': [18, 'node', ''],
      },
    });
    expect(ports).toEqual([
      { port: 3000, addresses: ['::1'], process: { pid: 18, name: 'node', command: 'node' } },
      { port: 5173, addresses: ['0.0.0.0', '::'] },
      {
        port: 8000,
        addresses: ['127.0.0.1'],
        process: {
          pid: 16,
          name: 'python3',
          command: 'python3 -m http.server 8000 --bind 127.0.0.1',
        },
      },
      { port: 9000, addresses: ['::ffff:127.0.0.1'] },
    ]);
  });
});

describe('the address a forward dials', () => {
  it('is the exact one the server listens on, loopback for wildcards', () => {
    expect(dialAddress(['127.0.0.1'])).toBe('127.0.0.1');
    expect(dialAddress(['0.0.0.0', '::'])).toBe('127.0.0.1');
    expect(dialAddress(['::1'])).toBe('::1');
    expect(dialAddress(['::'])).toBe('::1');
    expect(dialAddress(['127.0.0.53'])).toBe('127.0.0.53');
    expect(dialAddress(['::ffff:127.0.0.1'])).toBe('127.0.0.1');
    expect(dialAddress(['172.17.0.2'])).toBe('172.17.0.2');
    expect(dialAddress([])).toBeUndefined();
  });
});
