import type { ListeningPort, PortForward, SessionPorts } from '../../../../shared/contract/ports';
import { countOf } from '../changes/reviewText';

/** One row of the Processes panel: a port number and what is known of it. */
export interface PortRow {
  port: number;
  /** Missing when nothing listens on it now. */
  listening?: ListeningPort;
  /** Missing when it is not forwarded. */
  forward?: PortForward;
  alwaysForward: boolean;
}

/**
 * One row per port that listens, is forwarded, or is marked "always forward", by port number.
 * The last lets a port marked while it listened be unmarked after its forward was stopped.
 */
export function portRows(ports: SessionPorts): PortRow[] {
  const numbers = new Set<number>([
    ...ports.listening.map((p) => p.port),
    ...ports.forwards.map((f) => f.port),
    ...ports.alwaysForward,
  ]);
  const always = new Set(ports.alwaysForward);
  return [...numbers]
    .sort((a, b) => a - b)
    .map((port) => {
      const listening = ports.listening.find((p) => p.port === port);
      const forward = ports.forwards.find((f) => f.port === port);
      return {
        port,
        ...(listening ? { listening } : {}),
        ...(forward ? { forward } : {}),
        alwaysForward: always.has(port),
      };
    });
}

/** The header's badge: how many ports listen in the sandbox now. */
export function listeningCount(ports: SessionPorts | undefined): number {
  return ports?.state === 'watching' ? ports.listening.length : 0;
}

/**
 * An address the way a user reads it: whether other machines could reach it (all interfaces)
 * or only programs in the sandbox (loopback). Others are the sandbox's own addresses.
 */
export function addressLabel(address: string): string {
  if (address === '0.0.0.0' || address === '::') return `${address} (all interfaces)`;
  if (isLoopback(address)) return `${address} (loopback only)`;
  return address;
}

function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** What a row says about its forward. `link`: the local address to show as a link to `url`. */
export interface ForwardStatusView {
  kind: 'none' | 'active' | 'gone' | 'failed';
  text: string;
  link?: { text: string; url: string };
  /** The last error of a forward that still works (one connection failed, say). */
  detail?: string;
}

export function forwardStatus(forward: PortForward | undefined): ForwardStatusView {
  if (!forward) return { kind: 'none', text: 'Not forwarded' };
  switch (forward.status) {
    case 'active': {
      const local = `localhost:${forward.localPort ?? forward.port}`;
      return {
        kind: 'active',
        text: 'Forwarded →',
        ...(forward.url ? { link: { text: local, url: forward.url } } : {}),
        ...(forward.error ? { detail: forward.error } : {}),
      };
    }
    case 'gone':
      return { kind: 'gone', text: 'Gone — not listening; comes back when it listens again' };
    case 'failed':
      return { kind: 'failed', text: forward.error || 'Could not forward this port.' };
  }
}

/** `2 open connections`, or null for none. */
export function connectionsText(forward: PortForward | undefined): string | null {
  const n = forward?.connections ?? 0;
  return n > 0 ? `${countOf(n, 'open connection')}` : null;
}

/** The URL to open or copy: only an active forward has one. */
export function activeUrl(forward: PortForward | undefined): string | null {
  return forward?.status === 'active' && forward.url ? forward.url : null;
}

const portRange = 'A port is a whole number from 1 to 65535.';

/** The "Forward a port" field: a port number, or the sentence that says what is wrong. */
export function parsePort(text: string): { port: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Enter a port number.' };
  if (!/^\d+$/.test(trimmed)) return { error: portRange };
  const port = Number(trimmed);
  return port >= 1 && port <= 65535 ? { port } : { error: portRange };
}

/**
 * The panel's line when it has no rows to show, or says why the list may be incomplete; null
 * when the rows say it all. `reconnecting`: the session's engine is away for a moment.
 */
export function portsStateText(
  ports: SessionPorts | undefined,
  rows: number,
  reconnecting = false,
): string | null {
  if (reconnecting) {
    return 'Reconnecting to the engine: listening ports and forwards come back with it.';
  }
  if (!ports || ports.state === 'starting') return 'Looking for listening ports…';
  if (ports.state === 'stopped') return 'Start the session to see its ports.';
  if (ports.state === 'unavailable') return ports.error || 'Ports cannot be read in this session.';
  return rows === 0 ? nothingListens : null;
}

export const nothingListens =
  'Nothing listens yet. Start a server in a terminal (for example `python3 -m http.server 8000`) and it shows here within a second.';

/** The session's ports with a forward a call just returned; the `ports.changed` event follows. */
export function withForward(ports: SessionPorts, forward: PortForward): SessionPorts {
  const others = ports.forwards.filter((f) => f.port !== forward.port);
  return { ...ports, forwards: [...others, forward].sort((a, b) => a.port - b.port) };
}

/** Splits text at backticks: the odd parts are code (`python3 -m http.server 8000`). */
export function codeParts(text: string): { text: string; code: boolean }[] {
  return text
    .split('`')
    .map((part, i) => ({ text: part, code: i % 2 === 1 }))
    .filter((part) => part.text !== '');
}

/** What a gone forward means, said after Open or Forward. */
export function notListeningText(port: number): string {
  return `Port ${port} does not listen yet; it is forwarded as soon as it does.`;
}
