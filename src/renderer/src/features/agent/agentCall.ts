import type { AgentState } from '../../../../shared/contract/agent';
import { fieldErrorOf } from '../../lib/fieldError';
import { isCancelled } from '../../lib/errorMessage';
import { useStore } from '../../store';

/**
 * Runs an agent call and keeps the state it returns, unless an `agent.state` event already
 * brought a newer one (the loop goes on while the answer travels). Resolves to the error's
 * message to show beside the control, or null.
 */
export async function agentCall(run: () => Promise<AgentState>): Promise<string | null> {
  try {
    const state = await run();
    const store = useStore.getState();
    const current = store.agentStates[state.sessionId];
    if (!current || state.lastSeq >= current.lastSeq) store.setAgentState(state);
    return null;
  } catch (error) {
    return isCancelled(error) ? null : fieldErrorOf(error).message;
  }
}
