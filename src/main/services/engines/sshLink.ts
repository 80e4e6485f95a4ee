import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import type { HostKey } from '../../../shared/contract';
import { Listeners, type Disposer } from '../../../shared/rpc/transport';
import { LinkError, type EngineProblem } from './engineErrors';
import { checkKnownHosts, hostKeyOf, readUserKnownHosts } from './hostKeys';
import { Semaphore } from './semaphore';
import {
  authProblem,
  dockerSocketProblem,
  hostKeyChanged,
  hostKeyRevoked,
  hostKeyUnknown,
  linkDown,
  sshConnectProblem,
} from './sshProblems';

export interface SshLinkOptions {
  username: string;
  host: string;
  port: number;
  /** The Docker socket on the host. */
  socketPath: string;
  /** A private key file; without it the SSH agent, else ~/.ssh/id_{ed25519,ecdsa,rsa}. */
  identityFile?: string;
  /** The host key the user accepted before, if any (Berth's own trust-on-first-use store). */
  trustedKey: () => HostKey | undefined;
  /** The user's `~/.ssh/known_hosts` text (read on every connection). */
  knownHosts?: () => string;
  agentSocket?: string;
  keepaliveMs?: number;
  keepaliveCountMax?: number;
  readyTimeoutMs?: number;
}

/** `docker system dial-stdio` sessions count against sshd's MaxSessions (10 by default). */
const maxDialStdio = 8;
/** How long the socket probe waits for its verdict. */
const probeTimeoutMs = 3_000;

/**
 * One persistent SSH connection to a remote Docker host: the host key checked against
 * `~/.ssh/known_hosts` and the key the user accepted (never accepted silently), keepalives on,
 * agent forwarding off. Every Docker API request rides it as a channel to the remote Docker
 * socket (`direct-streamlocal`, not a session, so sshd's MaxSessions does not apply), or as a
 * `docker system dial-stdio` session where the server forbids stream-local forwarding.
 * Reconnecting is the caller's decision: `connect()` tries once.
 */
export class SshLink {
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private mode: 'streamlocal' | 'dial-stdio' = 'streamlocal';
  private readonly dialSlots = new Semaphore(maxDialStdio);
  private readonly downListeners = new Listeners<[]>();
  private closed = false;
  /** The key the host presented on the last connection attempt. */
  presented: HostKey | undefined;

  constructor(private readonly options: SshLinkOptions) {}

  /** `ssh://user@host:port`, as the user wrote it. */
  get where(): string {
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
    return `${host}:${this.options.port}`;
  }

  get up(): boolean {
    return this.client !== undefined;
  }

  /** How Docker's API is carried: `streamlocal` or `dial-stdio`. */
  get transport(): 'streamlocal' | 'dial-stdio' {
    return this.mode;
  }

  /** Connects if not connected; rejects with a LinkError saying what is wrong. */
  connect(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /** Called when an established connection drops (keepalive timeout, reset, server gone). */
  onDown(listener: () => void): Disposer {
    return this.downListeners.add(listener);
  }

  /** A new byte stream to the remote Docker socket. */
  async channel(): Promise<Duplex> {
    const client = this.client;
    if (!client) throw new LinkError(linkDown(this.where));
    if (this.mode === 'streamlocal') {
      try {
        return asSocket(await this.streamLocal(client));
      } catch (error) {
        // sshd answers "open failed" both when the socket cannot be opened and when
        // stream-local forwarding is off: a socket that is there and usable means the latter.
        // A key restricted to `docker system dial-stdio` (a forced command) answers the probe
        // with no verdict at all: dial-stdio is then the only way, so it is tried.
        const verdict = isProhibited(error) ? 'ok' : await this.probeSocket(client);
        if (verdict === 'missing' || verdict === 'denied') {
          throw new LinkError(dockerSocketProblem(verdict, this.where, this.options, error));
        }
        this.mode = 'dial-stdio';
      }
    }
    return asSocket(await this.dialStdio(client));
  }

  close(): void {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    client?.end();
    this.downListeners.clear();
  }

  private async open(): Promise<void> {
    if (this.closed) throw new LinkError(linkDown(this.where));
    const client = new Client();
    let refusal: EngineProblem | undefined;
    const config: ConnectConfig = {
      host: this.options.host,
      port: this.options.port,
      username: this.options.username,
      readyTimeout: this.options.readyTimeoutMs ?? 15_000,
      keepaliveInterval: this.options.keepaliveMs ?? 10_000,
      keepaliveCountMax: this.options.keepaliveCountMax ?? 3,
      agentForward: false,
      hostVerifier: (blob: Buffer) => {
        refusal = this.verify(blob);
        return refusal === undefined;
      },
      ...this.credentials(),
    };
    await new Promise<void>((resolve, reject) => {
      const failed = (error: unknown): void => {
        client.removeAllListeners('ready');
        reject(new LinkError(refusal ?? sshConnectProblem(error, this.where, this.options)));
      };
      client.once('ready', () => {
        client.removeListener('error', failed);
        resolve();
      });
      client.once('error', failed);
      try {
        client.connect(config);
      } catch (error) {
        failed(error);
      }
    });
    // Terminal keystrokes and API calls are small writes: Nagle's algorithm would hold each
    // one back ~40 ms waiting for the last one's acknowledgement (echo 45 ms instead of 2).
    client.setNoDelay(true);
    // After `ready`, an error (keepalive timeout, reset) is always followed by `close`.
    client.on('error', () => undefined);
    client.once('close', () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.downListeners.emit();
    });
    if (this.closed) {
      client.end();
      throw new LinkError(linkDown(this.where));
    }
    this.client = client;
  }

  private credentials(): Pick<ConnectConfig, 'privateKey' | 'agent'> {
    const { identityFile } = this.options;
    if (identityFile) {
      const path = identityFile.startsWith('~/')
        ? join(homedir(), identityFile.slice(2))
        : identityFile;
      try {
        return { privateKey: readFileSync(path) };
      } catch (error) {
        throw new LinkError(authProblem('unreadable', this.where, this.options, error));
      }
    }
    const agent = this.options.agentSocket ?? process.env.SSH_AUTH_SOCK;
    if (agent) return { agent };
    for (const name of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
      const path = join(homedir(), '.ssh', name);
      if (existsSync(path)) return { privateKey: readFileSync(path) };
    }
    throw new LinkError(authProblem('none', this.where, this.options));
  }

  /** Undefined when the host key is trusted; the refusal otherwise. */
  private verify(blob: Buffer): EngineProblem | undefined {
    const key = hostKeyOf(blob);
    this.presented = key;
    const text = (this.options.knownHosts ?? readUserKnownHosts)();
    const known = checkKnownHosts(text, this.options.host, this.options.port, blob);
    if (known.kind === 'match') return undefined;
    if (known.kind === 'revoked') return hostKeyRevoked(this.where, key);
    if (known.kind === 'mismatch')
      return hostKeyChanged(this.where, key, known.expected, 'known_hosts');
    const trusted = this.options.trustedKey();
    if (!trusted) return hostKeyUnknown(this.where, key);
    if (trusted.fingerprint === key.fingerprint && trusted.type === key.type) return undefined;
    return hostKeyChanged(this.where, key, trusted, 'berth');
  }

  private streamLocal(client: Client): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      client.openssh_forwardOutStreamLocal(this.options.socketPath, (error, channel) =>
        error ? reject(error) : resolve(channel),
      );
    });
  }

  private async dialStdio(client: Client): Promise<ClientChannel> {
    const release = await this.dialSlots.acquire();
    try {
      const channel = await new Promise<ClientChannel>((resolve, reject) => {
        const command = `docker -H unix://${this.options.socketPath} system dial-stdio`;
        client.exec(command, (error, stream) => (error ? reject(error) : resolve(stream)));
      });
      channel.once('close', release);
      return channel;
    } catch (error) {
      release();
      throw new LinkError(linkDown(this.where, error));
    }
  }

  /** Whether the Docker socket on the host is there and usable: `ok`, `missing`, `denied`. */
  private probeSocket(client: Client): Promise<string> {
    const socket = shellQuote(this.options.socketPath);
    const probe = `p=${socket}; if [ ! -S "$p" ]; then echo missing; elif [ ! -r "$p" ] || [ ! -w "$p" ]; then echo denied; else echo ok; fi`;
    return new Promise<string>((resolve) => {
      client.exec(probe, (error, stream) => {
        if (error) return resolve('unknown');
        let out = '';
        // A forced command runs instead of the probe and may wait on its input for good
        // (dial-stdio does): the probe gives up after a few seconds with no verdict.
        const giveUp = setTimeout(() => {
          resolve('unknown');
          stream.close();
        }, probeTimeoutMs);
        stream.on('data', (chunk: Buffer) => (out += chunk.toString()));
        stream.stderr.resume();
        stream.once('close', () => {
          clearTimeout(giveUp);
          resolve(out.trim());
        });
        stream.end();
      });
    });
  }
}

/** An SSH channel standing in for the socket Node's HTTP client expects. */
function asSocket(channel: ClientChannel): Duplex {
  const socket = channel as ClientChannel & Record<string, unknown>;
  for (const method of ['setKeepAlive', 'setNoDelay', 'setTimeout', 'ref', 'unref']) {
    socket[method] ??= () => socket;
  }
  return channel;
}

/** sshd refuses stream-local forwarding (`AllowStreamLocalForwarding no`, `restrict`). */
function isProhibited(error: unknown): boolean {
  return (error as { reason?: unknown } | null)?.reason === 1;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
