import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { HostKey } from '../../shared/contract';

/**
 * A real remote engine for tests: Debian's OpenSSH server on a loopback port, with its own host
 * key, a test client key, and a user (this one) that reaches the local Docker socket.
 */
export interface SshEngineFixture {
  dir: string;
  port: number;
  user: string;
  /** `ssh://user@127.0.0.1:port` */
  address: string;
  /** The client's private key (mode 600). */
  identityFile: string;
  /** The host key as `ssh-keygen -lf` shows it. */
  hostKey: HostKey;
  /** Kills sshd and every connection it serves (as a network drop would); resolves once refused. */
  kill(): Promise<void>;
  /** Starts sshd again on the same port with the same host key. */
  start(): Promise<void>;
  /** Stops sshd and its connections (SIGSTOP) without closing them: a host gone silent. */
  freeze(): void;
  /** Lets a frozen sshd and its connections run again. */
  thaw(): void;
  /** A new host key, sshd restarted with it. */
  rotateHostKey(): Promise<HostKey>;
  close(): Promise<void>;
}

export interface SshEngineOptions {
  allowStreamLocalForwarding?: boolean;
  maxSessions?: number;
  /** Restricts the client key to this command (`command="…",restrict`). */
  forcedCommand?: string;
}

const sshd = '/usr/sbin/sshd';

export async function startSshEngine(options: SshEngineOptions = {}): Promise<SshEngineFixture> {
  if (!existsSync(sshd)) {
    throw new Error(`${sshd} not found: apt-get install openssh-server (scripts/install.sh does)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'berth-sshd-'));
  const user = userInfo().username;
  const hostKeyFile = join(dir, 'host_ed25519');
  const identityFile = join(dir, 'client_ed25519');
  keygen(hostKeyFile);
  keygen(identityFile);
  const publicKey = readFileSync(`${identityFile}.pub`, 'utf8').trim();
  const restriction = options.forcedCommand ? `command="${options.forcedCommand}",restrict ` : '';
  writeFileSync(join(dir, 'authorized_keys'), `${restriction}${publicKey}\n`, { mode: 0o600 });
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      'ListenAddress ::1',
      `HostKey ${hostKeyFile}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      user === 'root' ? 'PermitRootLogin prohibit-password' : '',
      `AllowStreamLocalForwarding ${options.allowStreamLocalForwarding === false ? 'no' : 'yes'}`,
      `MaxSessions ${options.maxSessions ?? 10}`,
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  // The privilege separation directory sshd insists on.
  mkdirSync('/run/sshd', { recursive: true });

  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    child = spawn(sshd, ['-D', '-f', config, '-E', join(dir, 'sshd.log')], { stdio: 'ignore' });
    await waitFor(port, true);
  };
  const signal = (name: NodeJS.Signals): void => {
    const pid = child?.pid;
    if (pid === undefined) return;
    for (const p of [pid, ...descendants(pid)]) {
      try {
        process.kill(p, name);
      } catch {
        // Already gone.
      }
    }
  };
  const kill = async (): Promise<void> => {
    if (child?.pid === undefined) return;
    signal('SIGKILL');
    child = undefined;
    await waitFor(port, false);
  };
  const hostKey = (): HostKey => fingerprint(`${hostKeyFile}.pub`);
  await start();
  const fixture: SshEngineFixture = {
    dir,
    port,
    user,
    address: `ssh://${user}@127.0.0.1:${port}`,
    identityFile,
    hostKey: hostKey(),
    kill,
    start,
    freeze: () => signal('SIGSTOP'),
    thaw: () => signal('SIGCONT'),
    async rotateHostKey() {
      await kill();
      rmSync(hostKeyFile, { force: true });
      rmSync(`${hostKeyFile}.pub`, { force: true });
      keygen(hostKeyFile);
      await start();
      return hostKey();
    },
    async close() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

function keygen(file: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'berth-test', '-f', file]);
}

/** `ssh-keygen -lf`'s fingerprint and the key's type from the .pub file. */
function fingerprint(pub: string): HostKey {
  const type = readFileSync(pub, 'utf8').split(' ')[0]!;
  const printed = execFileSync('ssh-keygen', ['-lf', pub], { encoding: 'utf8' });
  return { type, fingerprint: printed.split(' ')[1]! };
}

/** Every process below `pid` (sshd forks a child per connection, and that child forks again). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // The process ended meanwhile.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Waits until the port accepts (`open`) or refuses connections. */
async function waitFor(port: number, open: boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const accepts = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (accepts === open) return;
    if (Date.now() > deadline) {
      throw new Error(`sshd on port ${port} did not ${open ? 'start' : 'stop'} within 10 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
