import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';

/**
 * The Docker API over TCP with mutual TLS on loopback, for tests: a TLS server (certificates
 * made with `openssl`) that requires a client certificate from its CA and passes each
 * connection to the local Docker socket. Deliberately not on port 2376.
 */
export interface TlsEngineFixture {
  dir: string;
  /** `tcp://127.0.0.1:port` */
  address: string;
  port: number;
  /** The CA, and the client's certificate and key. */
  ca: string;
  cert: string;
  key: string;
  close(): Promise<void>;
}

export async function startTlsEngine(
  options: { socketPath?: string } = {},
): Promise<TlsEngineFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-tls-'));
  const file = (name: string): string => join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'ignore' });
  };
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Berth test CA',
    '-keyout',
    file('ca-key.pem'),
    '-out',
    file('ca.pem'),
  );
  const sign = (name: string, subject: string, extensions: string): void => {
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      subject,
      '-keyout',
      file(`${name}-key.pem`),
      '-out',
      file(`${name}.csr`),
    );
    writeFileSync(file(`${name}.ext`), extensions);
    openssl(
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca-key.pem'),
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      file(`${name}.ext`),
      '-out',
      file(`${name}.pem`),
    );
  };
  sign(
    'server',
    '/CN=localhost',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  sign('client', '/CN=berth-client', 'extendedKeyUsage=clientAuth\n');

  const socketPath = options.socketPath ?? '/var/run/docker.sock';
  // Clients keep idle connections open; closing the engine ends them, as a stopped dockerd would.
  const open = new Set<{ destroy(): void }>();
  const server: Server = createServer(
    {
      ca: readFileSync(file('ca.pem')),
      cert: readFileSync(file('server.pem')),
      key: readFileSync(file('server-key.pem')),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (tls) => {
      const engine = connect(socketPath);
      open.add(tls);
      open.add(engine);
      tls.on('close', () => open.delete(tls));
      engine.on('close', () => open.delete(engine));
      tls.pipe(engine).pipe(tls);
      tls.on('error', () => engine.destroy());
      engine.on('error', () => tls.destroy());
      tls.on('close', () => engine.destroy());
      engine.on('close', () => tls.destroy());
    },
  );
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    dir,
    address: `tcp://127.0.0.1:${port}`,
    port,
    ca: file('ca.pem'),
    cert: file('client.pem'),
    key: file('client-key.pem'),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of open) socket.destroy();
      await closed;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
