import type { AgentDeps } from './agentDeps';
import type { AgentStore } from './agentStore';
import { CallRunner } from './callRunner';

/**
 * Startup recovery, OpenHands' rule: a turn that was running when Berth stopped is closed as
 * interrupted. A call that had started gets a result saying its side effects are unknown (and
 * its command, if still running in the sandbox, is killed); a call that had not started gets
 * "not run". Nothing is run again. Approvals and questions that wait for the user stay as they
 * are, and the same answer continues the same turn.
 */
export async function recoverAgents(store: AgentStore, deps: AgentDeps): Promise<void> {
  const calls = new CallRunner(deps, store);
  const candidates = store.tables.agents.withStatus([
    'running',
    'awaiting_approval',
    'awaiting_answer',
  ]);
  for (const agent of candidates) {
    const sessionId = agent.sessionId;
    const held = store.tables.pending.list(sessionId);
    if (agent.status !== 'running' && held.some((p) => !p.resolution)) continue;
    const open = openCalls(store, sessionId);
    const events = store.tables.activity.ofTurn(sessionId, agent.turn, ['tool.started']);
    const started = new Set(events.map((e) => (e.data as { toolCallId: string }).toolCallId));
    let containerId: string | undefined;
    try {
      containerId = deps.workplace.containerOf(sessionId);
    } catch {
      containerId = undefined;
    }
    for (const call of open) {
      if (started.has(call.toolCallId)) {
        if (containerId) await deps.tools.killOrphan(containerId, call.toolCallId).catch(() => {});
        calls.notRun(
          sessionId,
          call,
          'interrupted by a restart of Berth while it ran; its side effects are unknown, so check the state before going on',
          'interrupted',
        );
      } else {
        calls.notRun(sessionId, call, 'Berth restarted before it ran', 'interrupted');
      }
    }
    store.tables.pending.clear(sessionId);
    store.write(sessionId, {
      events: [
        {
          kind: 'turn.finished',
          data: { status: 'interrupted', summary: 'interrupted by a restart' },
        },
      ],
      patch: {
        status: 'interrupted',
        statusDetail: 'Interrupted by a restart of Berth. Continue to go on.',
      },
    });
  }
}

/** Tool calls in the transcript that have no result yet. */
function openCalls(store: AgentStore, sessionId: string) {
  const calls = new Map<string, { toolCallId: string; toolName: string }>();
  for (const m of store.tables.transcript.load(sessionId)) {
    if (m.role === 'assistant' && typeof m.content !== 'string') {
      for (const p of m.content) {
        if (p.type === 'tool-call')
          calls.set(p.toolCallId, { toolCallId: p.toolCallId, toolName: p.toolName });
      }
    }
    if (m.role === 'tool')
      for (const p of m.content) if (p.type === 'tool-result') calls.delete(p.toolCallId);
  }
  return [...calls.values()];
}
