import { createServer, type Server, type Socket } from 'node:net';

/** A listener on the user's loopback, 127.0.0.1 and ::1 on the same port. */
export interface LoopbackListener {
  port: number;
  close(): void;
}

const retryCodes = new Set(['EADDRINUSE', 'EACCES']);
const noIpv6Codes = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);

/**
 * Binds the first free port of `candidates` (then a free one the system picks) on 127.0.0.1 and
 * ::1 — never on other interfaces. Both addresses, because a browser resolves `localhost` to
 * either: with ::1 held by another program, the forward could be answered by that program, so
 * the port is taken only when both are free (or the machine has no IPv6).
 */
export async function listenLoopback(
  candidates: readonly (number | undefined)[],
  onConnection: (socket: Socket) => void,
): Promise<LoopbackListener> {
  const tried = new Set<number>();
  const ports = [...candidates.filter((p): p is number => p !== undefined), 0, 0, 0];
  let lastError: Error | undefined;
  for (const candidate of ports) {
    if (candidate !== 0 && tried.has(candidate)) continue;
    tried.add(candidate);
    const v4 = createServer({ allowHalfOpen: true }, onConnection);
    try {
      await listen(v4, '127.0.0.1', candidate);
    } catch (error) {
      lastError = error as Error;
      if (retryCodes.has((error as NodeJS.ErrnoException).code ?? '')) continue;
      throw error;
    }
    const port = (v4.address() as { port: number }).port;
    const v6 = createServer({ allowHalfOpen: true }, onConnection);
    try {
      await listen(v6, '::1', port);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!noIpv6Codes.has(code)) {
        v4.close();
        lastError = error as Error;
        if (retryCodes.has(code)) continue;
        throw error;
      }
      return { port, close: () => v4.close() };
    }
    return {
      port,
      close: () => {
        v4.close();
        v6.close();
      },
    };
  }
  throw lastError ?? new Error('No free port on this machine.');
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
