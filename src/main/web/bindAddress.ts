import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * Where browser mode listens and which Host headers it answers to. Anything Berth serves binds to
 * loopback: on these machines even `--internal` Docker networks reach host services bound to
 * 0.0.0.0, so a sandbox could otherwise talk to the workbench that controls it.
 */
export class RemoteBindError extends Error {
  constructor(readonly bindHost: string) {
    super(
      `Refusing to listen on ${bindHost}: browser mode only listens on 127.0.0.1 (loopback) by ` +
        'default, because anyone who can reach the port and learns the token controls your ' +
        'sandboxes. Pass --allow-remote if you really want to serve other machines.',
    );
    this.name = 'RemoteBindError';
  }
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/** Throws RemoteBindError for a non-loopback address unless remote access was asked for. */
export function checkBindHost(bindHost: string, allowRemote: boolean): void {
  if (!isLoopbackHost(bindHost) && !allowRemote) throw new RemoteBindError(bindHost);
}

/** `host:port` as it appears in a Host header (IPv6 in brackets), lower-cased. */
export function hostWithPort(host: string, port: number): string {
  const name = isIP(host) === 6 ? `[${host}]` : host;
  return `${name}:${port}`.toLowerCase();
}

/**
 * The Host headers a request may carry (the DNS-rebinding defence): the loopback names, plus,
 * with allowRemote, the bind address or, for a wildcard bind, every address of this machine.
 */
export function allowedHosts(bindHost: string, port: number, allowRemote: boolean): Set<string> {
  const names = ['127.0.0.1', 'localhost', '::1'];
  if (allowRemote) {
    if (isWildcardHost(bindHost)) {
      for (const list of Object.values(networkInterfaces())) {
        for (const address of list ?? []) names.push(address.address);
      }
    } else {
      names.push(bindHost);
    }
  }
  return new Set(names.map((name) => hostWithPort(name, port)));
}

/** The address printed for the user: loopback when listening everywhere. */
export function displayHost(bindHost: string): string {
  return isWildcardHost(bindHost) ? '127.0.0.1' : bindHost;
}
