import type { ListeningPort, ListeningProcess } from '../../../shared/contract';

/**
 * What the relay reports: the LISTEN rows of `/proc/net/tcp` and `/proc/net/tcp6` as written
 * there, and the process owning each socket inode (`[pid, name, command line]`) when the relay's
 * user may see it.
 */
export interface ListenReport {
  tcp: string[];
  tcp6: string[];
  owners: Record<string, [number, string, string]>;
}

/** Reads the relay's report into ports, by number, each with all its addresses. */
export function listeningPorts(report: ListenReport): ListeningPort[] {
  const byPort = new Map<number, ListeningPort>();
  const rows = [
    ...report.tcp.map((line) => ({ line, v6: false })),
    ...report.tcp6.map((line) => ({ line, v6: true })),
  ];
  for (const { line, v6 } of rows) {
    const row = parseRow(line, v6);
    if (!row) continue;
    let entry = byPort.get(row.port);
    if (!entry) byPort.set(row.port, (entry = { port: row.port, addresses: [] }));
    if (!entry.addresses.includes(row.address)) entry.addresses.push(row.address);
    const owner = report.owners[row.inode];
    if (!entry.process && owner) entry.process = toProcess(owner);
  }
  return [...byPort.values()].sort((a, b) => a.port - b.port);
}

function toProcess([pid, name, command]: [number, string, string]): ListeningProcess {
  return { pid, name, command: command || name };
}

/** One row: `sl local_address rem_address st … uid timeout inode …`; only state 0A (LISTEN). */
export function parseRow(
  line: string,
  v6: boolean,
): { address: string; port: number; inode: string } | undefined {
  const fields = line.trim().split(/\s+/);
  if (fields.length < 10 || fields[3] !== '0A') return undefined;
  const [hexAddress, hexPort] = (fields[1] ?? '').split(':');
  if (!hexAddress || !hexPort) return undefined;
  const port = Number.parseInt(hexPort, 16);
  const address = v6 ? ipv6FromProc(hexAddress) : ipv4FromProc(hexAddress);
  if (address === undefined || !(port > 0 && port < 65536)) return undefined;
  return { address, port, inode: fields[9]! };
}

/** `0100007F` → `127.0.0.1`: one u32 in the kernel's (little-endian) byte order. */
export function ipv4FromProc(hex: string): string | undefined {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return undefined;
  const bytes = Buffer.from(hex, 'hex').reverse();
  return [...bytes].join('.');
}

/** 32 hex digits: four u32 words, each in the kernel's (little-endian) byte order. */
export function ipv6FromProc(hex: string): string | undefined {
  if (!/^[0-9A-Fa-f]{32}$/.test(hex)) return undefined;
  const bytes = Buffer.alloc(16);
  for (let word = 0; word < 4; word++) {
    Buffer.from(hex.slice(word * 8, word * 8 + 8), 'hex')
      .reverse()
      .copy(bytes, word * 4);
  }
  return formatIpv6(bytes);
}

/** RFC 5952 text: lower case, the longest run of zero groups as `::`, v4-mapped as dotted. */
export function formatIpv6(bytes: Buffer): string {
  const mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes.readUInt16BE(10) === 0xffff;
  if (mapped) return `::ffff:${[...bytes.subarray(12)].join('.')}`;
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const text = (list: number[]) => list.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return text(groups);
  return `${text(groups.slice(0, bestStart))}::${text(groups.slice(bestStart + bestLength))}`;
}

/**
 * The address a forward dials for a port: the exact one it listens on. A wildcard listener is
 * dialled on loopback of its own family (`0.0.0.0` → 127.0.0.1, `::` → ::1), and IPv4 first
 * when it listens on both. A server bound to `localhost` is often on ::1 alone: dialling
 * 127.0.0.1 then would be refused.
 */
export function dialAddress(addresses: readonly string[]): string | undefined {
  if (addresses.includes('127.0.0.1') || addresses.includes('0.0.0.0')) return '127.0.0.1';
  if (addresses.includes('::1') || addresses.includes('::')) return '::1';
  const loopback = addresses.find((a) => a.startsWith('127.'));
  if (loopback) return loopback;
  const mapped = addresses.find((a) => a.startsWith('::ffff:'));
  if (mapped) return mapped.slice('::ffff:'.length);
  return addresses[0];
}
