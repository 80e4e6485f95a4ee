import { RpcError } from '../../../shared/contract/errors';

/** The message to show for a failed call: the RpcError's own words when there is one. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return typeof error === 'string' && error ? error : 'Something went wrong.';
}

/** True for a call the user (or an unmount) cancelled: nothing to report. */
export function isCancelled(error: unknown): boolean {
  return (
    error instanceof RpcError &&
    typeof error.data === 'object' &&
    error.data !== null &&
    (error.data as { cancelled?: unknown }).cancelled === true
  );
}
