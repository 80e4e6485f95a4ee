/** Where a remote engine is: what `ssh://user@host[:port]` and `tcp://host:port` say. */
export type EngineAddress =
  | { kind: 'ssh'; username: string; host: string; port: number }
  | { kind: 'tls'; host: string; port: number };

/** Parses an address the contract already validated; throws on anything else. */
export function parseEngineAddress(address: string): EngineAddress {
  const url = new URL(address.trim());
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (url.protocol === 'ssh:') {
    return {
      kind: 'ssh',
      username: decodeURIComponent(url.username),
      host,
      port: url.port ? Number(url.port) : 22,
    };
  }
  if (url.protocol === 'tcp:' && url.port) return { kind: 'tls', host, port: Number(url.port) };
  throw new Error(`${address} is not ssh://user@host[:port] or tcp://host:port`);
}

/** One spelling per engine, so the same host added twice is recognised. */
export function formatEngineAddress(address: EngineAddress): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return address.kind === 'ssh'
    ? `ssh://${address.username}@${host}:${address.port}`
    : `tcp://${host}:${address.port}`;
}
