import { readFileSync } from 'node:fs';
import http from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import Docker from 'dockerode';

export const defaultSocketPath = '/var/run/docker.sock';

export interface DockerClient {
  docker: Docker;
  /** Where the engine is reached, as shown to the user: `unix:///var/run/docker.sock`, `tcp://…`. */
  endpoint: string;
}

/**
 * Connects to the engine at `dockerHost` (DOCKER_HOST's syntax) or the local socket. Every
 * connection option is given explicitly, so docker-modem's own reading of the environment never
 * mixes a DOCKER_HOST into a client meant for another engine.
 */
export function createDockerClient(
  dockerHost: string | undefined = process.env.DOCKER_HOST,
): DockerClient {
  const host = dockerHost?.trim() ?? '';
  if (host === '' || host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length) || defaultSocketPath;
    const options = { socketPath, host: undefined, port: undefined, protocol: 'http' as const };
    return { docker: new Docker(options), endpoint: `unix://${socketPath}` };
  }
  if (host.startsWith('tcp://')) return tcpClient(host);
  if (host.startsWith('ssh://')) {
    throw new Error(
      `DOCKER_HOST=${host}: engines over ssh:// are not supported yet; use unix:// or tcp://.`,
    );
  }
  throw new Error(
    `DOCKER_HOST=${host} is not understood; use unix:///path/to/docker.sock or tcp://host:port.`,
  );
}

function tcpClient(dockerHost: string): DockerClient {
  let url: URL;
  try {
    url = new URL(dockerHost);
  } catch {
    throw new Error(`DOCKER_HOST=${dockerHost} is not a valid address; use tcp://host:port.`);
  }
  // 2376 is Docker's registered TLS port, 2375 its plain one; the docker CLI decides the same way.
  const tls = process.env.DOCKER_TLS_VERIFY === '1' || url.port === '2376';
  const port = url.port || (tls ? '2376' : '2375');
  const certPath = process.env.DOCKER_CERT_PATH;
  const certs =
    tls && certPath
      ? {
          ca: readFileSync(join(certPath, 'ca.pem')),
          cert: readFileSync(join(certPath, 'cert.pem')),
          key: readFileSync(join(certPath, 'key.pem')),
        }
      : {};
  const docker = new Docker({
    socketPath: undefined,
    host: url.hostname,
    port,
    protocol: tls ? 'https' : 'http',
    ...certs,
  });
  return { docker, endpoint: `tcp://${url.hostname}:${port}` };
}

/**
 * A client for an engine reached over TCP with TLS: always HTTPS with the CA, the client
 * certificate and its key given explicitly, whatever the port and the environment say.
 */
export function createTlsClient(
  address: { host: string; port: number },
  files: { ca: string; cert: string; key: string },
): DockerClient {
  const docker = new Docker({
    socketPath: undefined,
    host: address.host,
    port: address.port,
    protocol: 'https',
    ca: readFileSync(expandHome(files.ca)),
    cert: readFileSync(expandHome(files.cert)),
    key: readFileSync(expandHome(files.key)),
  });
  return { docker, endpoint: `tcp://${address.host}:${address.port}` };
}

/**
 * A client whose every connection is a stream `dial` opens (an SSH channel to the remote
 * Docker socket). Idle connections are kept for reuse, as with a local socket.
 */
export function createDialClient(endpoint: string, dial: () => Promise<Duplex>): DockerClient {
  const agent = new DialAgent(dial);
  // docker-modem takes an `agent`; dockerode's types leave it out.
  const options = { socketPath: undefined, protocol: 'http', host: 'docker', port: 80, agent };
  const docker = new Docker(options as Docker.DockerOptions);
  return { docker, endpoint };
}

class DialAgent extends http.Agent {
  constructor(private readonly dial: () => Promise<Duplex>) {
    super({ keepAlive: true, maxFreeSockets: 4 });
  }

  override createConnection(
    _options: unknown,
    callback?: (error: Error | null, socket: Duplex) => void,
  ): Duplex {
    this.dial().then(
      (socket) => callback?.(null, socket),
      (error: unknown) => callback?.(error as Error, undefined as unknown as Duplex),
    );
    // Node's agent waits for the callback when nothing is returned.
    return undefined as unknown as Duplex;
  }
}

/** `~/x` → the home directory's `x`. */
export function expandHome(path: string): string {
  return path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
}

/** The endpoint of a client made elsewhere, read back from its connection settings. */
export function endpointOf(docker: Docker): string {
  const modem = docker.modem as { socketPath?: unknown; host?: unknown; port?: unknown };
  if (typeof modem.socketPath === 'string') return `unix://${modem.socketPath}`;
  if (typeof modem.host === 'string') return `tcp://${modem.host}:${String(modem.port ?? 2375)}`;
  return `unix://${defaultSocketPath}`;
}
