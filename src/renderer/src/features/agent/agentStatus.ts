import type { AgentStatus, ApprovalMode } from '../../../../shared/contract/agent';

/** How the panel says where the agent is, and the dot's colour. */
export const statusText: Record<
  AgentStatus,
  { label: string; tone: 'ok' | 'pending' | 'error' | 'idle' }
> = {
  idle: { label: 'Ready', tone: 'idle' },
  running: { label: 'Working…', tone: 'ok' },
  awaiting_approval: { label: 'Awaiting approval', tone: 'pending' },
  awaiting_answer: { label: 'Awaiting your answer', tone: 'pending' },
  finished: { label: 'Finished', tone: 'idle' },
  stopped: { label: 'Stopped', tone: 'idle' },
  limit: { label: 'Limit reached', tone: 'pending' },
  stuck: { label: 'Stuck', tone: 'pending' },
  interrupted: { label: 'Interrupted', tone: 'pending' },
  error: { label: 'Error', tone: 'error' },
};

/** A turn is under way (possibly paused for the user): messages queue, Stop applies. */
export function turnActive(status: AgentStatus): boolean {
  return status === 'running' || status === 'awaiting_approval' || status === 'awaiting_answer';
}

/** Statuses a turn ended in that Continue goes on from. */
export function canContinue(status: AgentStatus): boolean {
  return (
    status === 'limit' ||
    status === 'stuck' ||
    status === 'interrupted' ||
    status === 'stopped' ||
    status === 'error'
  );
}

/**
 * Whether Send queues the message: while the agent works or waits for an approval. With a
 * question waiting, a message answers it instead (the host decides), so it is sent.
 */
export function sendQueues(status: AgentStatus): boolean {
  return status === 'running' || status === 'awaiting_approval';
}

export const modeLabels: Record<ApprovalMode, string> = {
  auto: 'Auto in the sandbox',
  ask: 'Ask before commands',
  'read-only': 'Read-only',
};
