import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkKnownHosts, hostKeyOf, readUserKnownHosts } from './hostKeys';

// Real keys from ssh-keygen, and ssh-keygen's own fingerprints and hashed known_hosts lines.
describe('host keys', () => {
  let dir: string;
  const key = (name: string, type = 'ed25519') => {
    const file = join(dir, name);
    execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', name, '-f', file]);
    const [algorithm, base64] = readFileSync(`${file}.pub`, 'utf8').split(' ');
    return {
      line: `${algorithm} ${base64}`,
      blob: Buffer.from(base64!, 'base64'),
      pub: `${file}.pub`,
    };
  };
  let a: ReturnType<typeof key>;
  let b: ReturnType<typeof key>;
  let ecdsa: ReturnType<typeof key>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-hostkeys-'));
    a = key('a');
    b = key('b');
    ecdsa = key('c', 'ecdsa');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the type and fingerprint exactly as ssh-keygen -lf does', () => {
    for (const k of [a, ecdsa]) {
      const printed = execFileSync('ssh-keygen', ['-lf', k.pub], { encoding: 'utf8' }).split(' ');
      expect(hostKeyOf(k.blob)).toEqual({ type: k.line.split(' ')[0], fingerprint: printed[1] });
    }
  });

  it('refuses a blob that is not an SSH key', () => {
    expect(() => hostKeyOf(Buffer.from([0, 0]))).toThrow(/Malformed/);
    expect(() => hostKeyOf(Buffer.from([0, 0, 0, 200, 1, 2]))).toThrow(/Malformed/);
  });

  it('matches plain, bracketed-port and wildcard lines', () => {
    expect(checkKnownHosts(`build.example ${a.line}\n`, 'build.example', 22, a.blob).kind).toBe(
      'match',
    );
    expect(
      checkKnownHosts(`[build.example]:2222 ${a.line}\n`, 'build.example', 2222, a.blob).kind,
    ).toBe('match');
    // A port-22 line does not name the host on another port.
    expect(checkKnownHosts(`build.example ${a.line}\n`, 'build.example', 2222, a.blob).kind).toBe(
      'unknown',
    );
    expect(checkKnownHosts(`*.example,other ${a.line}\n`, 'build.example', 22, a.blob).kind).toBe(
      'match',
    );
    expect(
      checkKnownHosts(`*.example,!build.example ${a.line}\n`, 'build.example', 22, a.blob).kind,
    ).toBe('unknown');
  });

  it('matches hashed lines made by ssh-keygen -H', () => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `[127.0.0.1]:2299 ${a.line}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file], { stdio: 'ignore' });
    const hashed = readFileSync(file, 'utf8');
    expect(hashed).toMatch(/^\|1\|/);
    expect(checkKnownHosts(hashed, '127.0.0.1', 2299, a.blob).kind).toBe('match');
    expect(checkKnownHosts(hashed, '127.0.0.1', 2298, a.blob).kind).toBe('unknown');
    expect(checkKnownHosts(hashed, '127.0.0.1', 2299, b.blob)).toEqual({
      kind: 'mismatch',
      expected: hostKeyOf(a.blob),
    });
  });

  it('says changed only for another key of the same type, and honours @revoked', () => {
    const text = `# comment\n\nbuild ${a.line}\n@cert-authority * ${b.line}\n`;
    expect(checkKnownHosts(text, 'build', 22, b.blob)).toEqual({
      kind: 'mismatch',
      expected: hostKeyOf(a.blob),
    });
    // Only an ed25519 key is known: an ECDSA key is new, not changed (as OpenSSH sees it).
    expect(checkKnownHosts(text, 'build', 22, ecdsa.blob).kind).toBe('unknown');
    expect(
      checkKnownHosts(`@revoked * ${a.line}\nbuild ${a.line}\n`, 'build', 22, a.blob).kind,
    ).toBe('revoked');
  });

  it('reads a missing known_hosts as empty', () => {
    expect(readUserKnownHosts(join(dir, 'no-home'))).toBe('');
  });
});
