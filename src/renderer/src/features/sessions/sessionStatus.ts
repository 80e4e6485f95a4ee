import type { SessionStatus } from '../../../../shared/contract/sessions';

/** The dot's colour: `connecting` waits like `creating`, for a session that comes back by itself. */
export const sessionStatusTones: Record<SessionStatus, 'pending' | 'ok' | 'idle' | 'error'> = {
  creating: 'pending',
  running: 'ok',
  connecting: 'pending',
  stopped: 'idle',
  error: 'error',
  deleted: 'idle',
};

/** The status as a word for badges; `connecting` says what Berth is doing about it. */
export function sessionStatusText(status: SessionStatus): string {
  return status === 'connecting' ? 'reconnecting…' : status;
}

/**
 * The sandbox is out of reach for a moment (its engine's link dropped) and comes back as it was:
 * panels wait with what they last showed instead of asking to start the session.
 */
export function isReconnecting(status: SessionStatus): boolean {
  return status === 'connecting';
}
