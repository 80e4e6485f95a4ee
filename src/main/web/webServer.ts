import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveConnection } from '../../shared/rpc/server';
import type { Host } from '../host';
import { cookieName, createToken, readCookie, sessionCookie, tokensEqual } from './auth';
import { allowedHosts, checkBindHost, displayHost, hostWithPort } from './bindAddress';
import { securityHeaders } from './contentSecurityPolicy';
import { rejectUpgrade, sendPage, sendUnauthorized } from './httpResponses';
import { serveStatic } from './staticFiles';
import { websocketTransport } from './websocketTransport';

export interface WebServerOptions {
  host: Pick<Host, 'handlers' | 'events'>;
  /** 0 picks a free port. */
  port?: number;
  /** Loopback by default; anything else needs allowRemote. */
  bindHost?: string;
  allowRemote?: boolean;
  /** The built renderer (paths.ts rendererDir()). */
  rendererDir: string;
  log?: (message: string) => void;
}

export interface WebServer {
  /** `http://127.0.0.1:PORT/?token=…`: opening it logs the browser in. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** 16 MiB: message attachments are up to 12 MiB (base64 included); nothing else comes close. */
const maxPayload = 16 * 1024 * 1024;
/** A client that has not answered a ping for 30 s is gone (sleeping laptop, dropped network). */
const heartbeatMs = 30_000;

/**
 * Browser mode: serves the built renderer and the RPC contract over a WebSocket at /rpc, to the
 * one browser that opened the printed URL. Every request must name this server in its Host
 * header (DNS rebinding), carry the session cookie (other local users and pages), and, when it
 * could change something, come from this server's own origin (cross-site requests).
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const bindHost = options.bindHost ?? '127.0.0.1';
  const allowRemote = options.allowRemote ?? false;
  const log = options.log ?? ((message: string) => console.error(message));
  checkBindHost(bindHost, allowRemote);
  const token = createToken();
  let port = 0;
  let hosts = new Set<string>();

  // The name Berth's cookie lives under: an address, never `localhost` (see `cookieFree`).
  const cookieHost = bindHost === 'localhost' ? '127.0.0.1' : displayHost(bindHost);
  const cookieFree = (req: IncomingMessage): boolean =>
    (req.headers.host ?? '').toLowerCase().startsWith('localhost:');
  const hostAllowed = (req: IncomingMessage): boolean =>
    hosts.has((req.headers.host ?? '').toLowerCase());
  // The page's own origin is http:// plus the Host it was loaded from (already checked).
  const originAllowed = (req: IncomingMessage): boolean =>
    req.headers.origin?.toLowerCase() === `http://${(req.headers.host ?? '').toLowerCase()}`;
  const authorized = (req: IncomingMessage): boolean =>
    tokensEqual(token, readCookie(req.headers.cookie, cookieName(port)));

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (!hostAllowed(req)) {
      sendPage(
        res,
        403,
        'Wrong address',
        'Open Berth at the address <code>berth serve</code> printed.',
      );
      return;
    }
    const method = req.method ?? 'GET';
    if (cookieFree(req) && (method === 'GET' || method === 'HEAD')) {
      // Forwarded sandbox ports open as localhost:PORT, and cookies ignore ports: Berth's cookie
      // must never be set on `localhost`, where the apps the agent wrote would receive it.
      res.writeHead(307, {
        ...securityHeaders,
        Location: `http://${hostWithPort(cookieHost, port)}${req.url ?? '/'}`,
        'Cache-Control': 'no-store',
        'Content-Length': 0,
      });
      res.end();
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      if (!originAllowed(req)) sendPage(res, 403, 'Forbidden', 'Cross-origin request refused.');
      else sendPage(res, 405, 'Method not allowed', 'Only GET is served here.');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://berth.invalid');
    const given = url.searchParams.get('token');
    if (url.pathname === '/' && given !== null) {
      if (!tokensEqual(token, given)) {
        sendUnauthorized(res);
        return;
      }
      // Trade the token for a cookie and drop it from the address bar (and from history).
      res.writeHead(302, {
        ...securityHeaders,
        'Set-Cookie': sessionCookie(port, token),
        Location: '/',
        'Cache-Control': 'no-store',
        'Content-Length': 0,
      });
      res.end();
      return;
    }
    if (!authorized(req)) {
      sendUnauthorized(res);
      return;
    }
    serveStatic(req, res, url.pathname, options.rendererDir).catch((error: unknown) => {
      log(`web: serving ${url.pathname} failed: ${String(error)}`);
      if (!res.headersSent) sendPage(res, 500, 'Error', 'The file could not be read.');
      else res.destroy();
    });
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload });
  const alive = new WeakSet<WebSocket>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const pathname = new URL(req.url ?? '/', 'http://berth.invalid').pathname;
    if (!hostAllowed(req)) return rejectUpgrade(socket, 403, 'Wrong Host header.');
    if (!originAllowed(req)) return rejectUpgrade(socket, 403, 'Cross-origin WebSocket refused.');
    if (!authorized(req)) return rejectUpgrade(socket, 401, 'Open the URL berth serve printed.');
    if (pathname !== '/rpc') return rejectUpgrade(socket, 404, 'No WebSocket here; use /rpc.');
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      serveConnection(websocketTransport(ws, { log }), {
        handlers: options.host.handlers,
        events: options.host.events,
      });
    });
  };

  const server = createServer(onRequest);
  server.on('upgrade', onUpgrade);
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(bindHost, port, allowRemote);

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, heartbeatMs);
  heartbeat.unref();

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostWithPort(displayHost(bindHost), port)}/?token=${token}`,
    port,
    token,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        for (const ws of wss.clients) ws.close(1001, 'Berth is shutting down');
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
        // Clients that do not answer the close handshake within 1 s are cut off.
        setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 1000).unref();
      })),
  };
}
