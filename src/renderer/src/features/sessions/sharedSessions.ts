import type { EngineStatus } from '../../../../shared/contract/engines';
import type { SharedSession } from '../../../../shared/contract/sessions';

/**
 * Teammates' sessions by engine, engines in the order of the engine list (local first, one
 * no longer listed last), sessions newest first.
 */
export function sharedByEngine(
  shared: SharedSession[],
  engines: EngineStatus[],
): { engineId: string; sessions: SharedSession[] }[] {
  const order = (engineId: string): number => {
    const index = engines.findIndex((e) => e.id === engineId);
    return index === -1 ? engines.length : index;
  };
  const ids = [...new Set(shared.map((s) => s.engineId))].sort((a, b) => order(a) - order(b));
  return ids.map((engineId) => ({
    engineId,
    sessions: shared
      .filter((s) => s.engineId === engineId)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0)),
  }));
}
