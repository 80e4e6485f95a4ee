import type { EngineState, HostKey } from '../../../shared/contract';

/** What is wrong with an engine, in the words shown to the user. */
export interface EngineProblem {
  state: Exclude<EngineState, 'connected' | 'connecting'>;
  message: string;
  hint: string;
  /** The host key presented, for `host_key_unknown` and `host_key_changed`. */
  hostKey?: HostKey;
}

/** States that wait for the user (a key to accept or fix): no automatic retry. */
export const waitsForUser = new Set<EngineState>([
  'host_key_unknown',
  'host_key_changed',
  'auth_refused',
]);

/** A remote engine's link failed (SSH refused, key unknown, Docker socket missing, …). */
export class LinkError extends Error {
  constructor(readonly problem: EngineProblem) {
    super(problem.message);
    this.name = 'LinkError';
  }
}

/** How long a health check waits for the engine; a local engine answers in milliseconds. */
export const engineTimeoutMs = 5_000;

const startDocker =
  'Start Docker (sudo systemctl start docker, or run dockerd) or set DOCKER_HOST.';

/** The error's Node code (`ENOENT`, …) or HTTP status, read defensively from whatever was thrown. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  if (name === 'AbortError' || name === 'TimeoutError') return name;
  return undefined;
}

export function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { statusCode } = error as { statusCode?: unknown };
  return typeof statusCode === 'number' ? statusCode : undefined;
}

/** The engine's own sentence when it answered with an error, else the error's message. */
export function engineMessage(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { json, message } = error as { json?: { message?: unknown }; message?: unknown };
  if (typeof json?.message === 'string') return json.message;
  return typeof message === 'string' ? message.trim() : String(error);
}

/** `/var/run/docker.sock` for a unix endpoint, the endpoint itself otherwise. */
function place(endpoint: string): string {
  return endpoint.startsWith('unix://') ? endpoint.slice('unix://'.length) : endpoint;
}

/** Whether the error means the engine could not be reached at all (as opposed to refusing a request). */
export function isConnectionError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && connectionCodes.has(code);
}

const connectionCodes = new Set([
  'ENOENT',
  'EACCES',
  'EPERM',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOTSOCK',
  'AbortError',
  'TimeoutError',
]);

/** Turns a failed call to the engine into the sentence and the advice the user sees. */
export function classifyEngineError(error: unknown, endpoint: string): EngineProblem {
  if (error instanceof LinkError) return error.problem;
  const where = place(endpoint);
  const local = endpoint.startsWith('unix://');
  switch (errorCode(error)) {
    case 'ENOENT':
      return {
        state: 'unreachable',
        message: `No Docker engine answers at ${where}.`,
        hint: startDocker,
      };
    case 'EACCES':
    case 'EPERM':
      return {
        state: 'permission_denied',
        message: `Permission denied on ${where}.`,
        hint: 'Add your user to the docker group (sudo usermod -aG docker $USER) and log in again.',
      };
    case 'ECONNREFUSED':
    case 'ENOTSOCK':
      return {
        state: 'unreachable',
        message: `The Docker engine at ${where} refuses connections.`,
        hint: local
          ? startDocker
          : `Check that dockerd listens on ${where} and that DOCKER_HOST is right.`,
      };
    case 'AbortError':
    case 'TimeoutError':
    case 'ETIMEDOUT':
      return {
        state: 'unreachable',
        message: `The Docker engine at ${where} did not answer within ${engineTimeoutMs / 1000} s.`,
        hint: 'Check that Docker is running and not overloaded, or that the host in DOCKER_HOST is reachable.',
      };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        state: 'unreachable',
        message: `Cannot reach ${where}.`,
        hint: 'Check the network and the host name in DOCKER_HOST.',
      };
    case 'ECONNRESET':
    case 'EPIPE':
      return lostConnection(endpoint);
  }
  const status = httpStatus(error);
  return {
    state: 'unreachable',
    message:
      status === undefined
        ? `Cannot talk to the Docker engine at ${where}: ${engineMessage(error)}`
        : `The Docker engine at ${where} answered with an error (HTTP ${status}): ${engineMessage(error)}`,
    hint: 'Check that Docker is healthy (docker info); Berth keeps retrying.',
  };
}

/** The engine answered before but its event stream closed: restarted, stopped or network lost. */
export function lostConnection(endpoint: string): EngineProblem {
  return {
    state: 'unreachable',
    message: `Lost the connection to the Docker engine at ${place(endpoint)}.`,
    hint: `Berth reconnects by itself once Docker is back. ${startDocker}`,
  };
}
