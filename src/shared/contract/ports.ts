import { z } from 'zod';
import { sessionIdSchema } from './sessions';

/** The process behind a listening socket, when the sandbox user may see it. */
export interface ListeningProcess {
  pid: number;
  /** Its short name (`/proc/<pid>/comm`), e.g. `python3`. */
  name: string;
  /** Its whole command line, arguments separated by spaces. */
  command: string;
}

/** A TCP port a process in the sandbox listens on (from `/proc/net/tcp` and `tcp6`). */
export interface ListeningPort {
  port: number;
  /**
   * Every address it listens on, as written in the sandbox: `127.0.0.1`, `0.0.0.0`, `::1`, `::`,
   * or another of the sandbox's own addresses. A forward dials the first that accepts.
   */
  addresses: string[];
  /** Missing when the socket belongs to a process of another user (root's, say). */
  process?: ListeningProcess;
}

/**
 * A forward the user asked for. `active`: a listener on the user's machine relays to the port;
 * `gone`: the port does not listen now (the server or the session stopped), so the listener is
 * closed, and it comes back by itself when the port listens again; `failed`: it could not be
 * set up (`error` says why).
 */
export type ForwardStatus = 'active' | 'gone' | 'failed';

export interface PortForward {
  /** The port in the sandbox. */
  port: number;
  status: ForwardStatus;
  /**
   * The port on the user's machine: the same number when it was free, else another. Bound on
   * 127.0.0.1 and ::1 only. Kept while gone, and taken again when the forward comes back.
   */
  localPort?: number;
  /**
   * `http://localhost:<localPort>/` while active. Under another host name than browser mode's
   * 127.0.0.1, so the forwarded app never receives Berth's cookie.
   */
  url?: string;
  error?: string;
  /** Connections open through it now. */
  connections: number;
}

/**
 * Whether the session's listening ports can be seen: `watching` while the relay in the running
 * sandbox is up, `starting` while it starts (or starts again after a lost connection),
 * `stopped` when the session is not running, `unavailable` when the relay cannot run (`error`).
 */
export type PortsState = 'watching' | 'starting' | 'stopped' | 'unavailable';

export interface SessionPorts {
  sessionId: string;
  state: PortsState;
  error?: string;
  /** What listens now, by port number. Empty unless `watching`. */
  listening: ListeningPort[];
  /** The forwards the user asked for, by port number. */
  forwards: PortForward[];
  /** Ports forwarded without asking whenever they listen in this session. */
  alwaysForward: number[];
}

const port = z
  .number({ error: 'port must be a number' })
  .int('port must be a whole number')
  .min(1, 'port must be between 1 and 65535')
  .max(65535, 'port must be between 1 and 65535');

export const portsInput = {
  list: z.object({ sessionId: sessionIdSchema }).strict(),
  forward: z.object({ sessionId: sessionIdSchema, port }).strict(),
  stop: z.object({ sessionId: sessionIdSchema, port }).strict(),
  setAlwaysForward: z.object({ sessionId: sessionIdSchema, port, always: z.boolean() }).strict(),
};

export interface PortsApi {
  /** The session's listening ports, forwards and "always forward" ports. */
  list(input: z.infer<typeof portsInput.list>): Promise<SessionPorts>;
  /**
   * Forwards a port of the sandbox to the user's loopback. Resolves once the local listener is
   * bound (`active`), or with `gone` when the port does not listen yet (it is forwarded as soon
   * as it does). Forwarding a forwarded port answers the forward as it is.
   */
  forward(input: z.infer<typeof portsInput.forward>): Promise<PortForward>;
  /** Stops a forward: its listener and connections close, and it no longer comes back. */
  stop(input: z.infer<typeof portsInput.stop>): Promise<SessionPorts>;
  /** Marks a port to be forwarded whenever it listens in this session (forwarding it now if it does). */
  setAlwaysForward(input: z.infer<typeof portsInput.setAlwaysForward>): Promise<SessionPorts>;
}

export interface PortsEvents {
  /** Anything in a session's ports changed. Topic: the session id. */
  changed: SessionPorts;
}
