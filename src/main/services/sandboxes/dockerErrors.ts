import { RpcError } from '../../../shared/contract';
import {
  classifyEngineError,
  engineMessage,
  httpStatus,
  isConnectionError,
} from '../engines/engineErrors';

/** What the user can do when the engine says the thing is missing or in the way. */
export interface ErrorAdvice {
  notFound?: string;
  conflict?: string;
}

/**
 * Turns what dockerode threw into the RpcError a user sees. `doing` names the step in the
 * user's words ("Starting the sandbox of session 3f2a…") and opens the message.
 */
export function toRpcError(
  error: unknown,
  endpoint: string,
  doing: string,
  advice: ErrorAdvice = {},
): RpcError {
  if (error instanceof RpcError) return error;
  if (isConnectionError(error)) {
    const problem = classifyEngineError(error, endpoint);
    const code = problem.state === 'permission_denied' ? 'permission_denied' : 'unavailable';
    return new RpcError(code, `${doing} failed: ${problem.message} ${problem.hint}`, {
      hint: problem.hint,
    });
  }
  const detail = engineMessage(error);
  switch (httpStatus(error)) {
    case 400:
      return new RpcError(
        'invalid_input',
        `${doing} failed: the engine refused the request (${detail}).`,
      );
    case 404:
      return new RpcError('not_found', withAdvice(`${doing} failed: ${detail}.`, advice.notFound));
    case 409:
      return new RpcError('conflict', withAdvice(`${doing} failed: ${detail}.`, advice.conflict));
  }
  return new RpcError('internal', `${doing} failed: ${detail}`);
}

const withAdvice = (message: string, advice: string | undefined): string =>
  advice === undefined ? message : `${message} ${advice}`;

/** Whether the engine said the thing is not there (404). */
export const isMissing = (error: unknown): boolean => httpStatus(error) === 404;

/** Whether the engine said there was nothing to do (304: already started or already stopped). */
export const isNoop = (error: unknown): boolean => httpStatus(error) === 304;

/** The error an aborted call rejects with: the signal's own reason, as `signal.throwIfAborted()` does. */
export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('The operation was aborted.', 'AbortError');
}
