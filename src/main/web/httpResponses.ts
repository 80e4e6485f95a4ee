import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { securityHeaders } from './contentSecurityPolicy';

const pageStyle =
  'body{font:15px/1.5 system-ui,sans-serif;background:#101318;color:#d8dee9;margin:15vh auto;' +
  'max-width:36em;padding:0 1em}code{background:#1f232b;padding:.1em .3em;border-radius:3px}';

/** A small self-contained HTML page (no script) for errors the user sees in the browser. */
export function sendPage(res: ServerResponse, status: number, title: string, body: string): void {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
    `<style>${pageStyle}</style></head><body><h1>${title}</h1><p>${body}</p></body></html>`;
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : html);
}

export function sendUnauthorized(res: ServerResponse): void {
  sendPage(
    res,
    401,
    'Open Berth from its address',
    'This page needs the address printed by <code>berth serve</code> (the one ending in ' +
      '<code>?token=…</code>). Open that address in this browser.',
  );
}

/** Refuses a WebSocket upgrade with a plain HTTP response, then drops the socket. */
export function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
