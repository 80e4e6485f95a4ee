import type { IncomingMessage, ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { securityHeaders } from './contentSecurityPolicy';
import { sendPage } from './httpResponses';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves one file of the built renderer. `/` is index.html; a path that leaves the folder, a
 * folder, or anything missing is a 404 (no listings, and no hint of what exists outside).
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  root: string,
): Promise<void> {
  const file = resolveInside(root, pathname === '/' ? '/index.html' : pathname);
  const info = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !info?.isFile()) {
    if (pathname === '/') {
      sendPage(res, 404, 'Renderer not built', 'Run <code>npm run build</code>, then reload.');
    } else {
      sendPage(res, 404, 'Not found', 'There is nothing at this address.');
    }
    return;
  }
  const type = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': type,
    'Content-Length': info.size,
    // index.html names the hashed bundles of this build; everything else may be cached briefly.
    'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'private, max-age=300',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** The absolute file for a URL path, or undefined if the path is malformed or leaves root. */
export function resolveInside(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const base = resolve(root);
  const file = resolve(base, `.${decoded}`);
  return file.startsWith(base + sep) ? file : undefined;
}
