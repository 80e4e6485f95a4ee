import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { HostKey } from '../../../shared/contract';

/** The type and `SHA256:` fingerprint of an SSH public key blob, as `ssh-keygen -lf` shows them. */
export function hostKeyOf(blob: Buffer): HostKey {
  if (blob.length < 4) throw new Error('Malformed SSH public key: too short');
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length > blob.length) {
    throw new Error('Malformed SSH public key: bad type length');
  }
  const type = blob.subarray(4, 4 + length).toString('ascii');
  if (!/^[\x21-\x7e]+$/.test(type)) throw new Error('Malformed SSH public key: bad type');
  const digest = createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
  return { type, fingerprint: `SHA256:${digest}` };
}

export type KnownHostsVerdict =
  | { kind: 'match' }
  | { kind: 'mismatch'; expected: HostKey }
  | { kind: 'revoked' }
  | { kind: 'unknown' };

/** `host` for port 22, `[host]:port` otherwise: how known_hosts names a host. */
function hostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function globMatch(pattern: string, text: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(text);
}

/** Whether a known_hosts host field names this host (plain patterns or a hashed entry). */
function namesHost(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return mac === hash;
  }
  let matched = false;
  for (const pattern of field.split(',')) {
    if (pattern.startsWith('!')) {
      if (globMatch(pattern.slice(1), name)) return false;
    } else if (globMatch(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/**
 * Checks a host's key against known_hosts text, as OpenSSH does: `match` when a line for the
 * host has this key, `revoked` when a `@revoked` line has it, `mismatch` when a line for the
 * host has another key of the same type, `unknown` otherwise.
 */
export function checkKnownHosts(
  text: string,
  host: string,
  port: number,
  blob: Buffer,
): KnownHostsVerdict {
  const name = hostName(host, port);
  const presented = hostKeyOf(blob);
  const base64 = blob.toString('base64');
  let expected: HostKey | undefined;
  let matched = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: string | undefined;
    if (fields[0]?.startsWith('@')) marker = fields.shift();
    const [hosts, type, key] = fields;
    if (!hosts || !type || !key) continue;
    if (marker === '@cert-authority') continue;
    if (marker === '@revoked') {
      if (key === base64) return { kind: 'revoked' };
      continue;
    }
    if (!namesHost(hosts, name)) continue;
    if (type === presented.type && key === base64) matched = true;
    else if (type === presented.type && !expected) {
      try {
        expected = hostKeyOf(Buffer.from(key, 'base64'));
      } catch {
        // A broken line is not a key.
      }
    }
  }
  if (matched) return { kind: 'match' };
  if (expected) return { kind: 'mismatch', expected };
  return { kind: 'unknown' };
}

/** The user's `~/.ssh/known_hosts`, or '' when there is none. */
export function readUserKnownHosts(home = homedir()): string {
  try {
    return readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8');
  } catch {
    return '';
  }
}
