import type { EngineStatus } from '../../../../shared/contract/engines';
import { engineHealth, isUsable } from '../engine/engineHealth';

/**
 * The engine a new session goes to unless the user picks another: the last used one while it
 * is connected, else the first connected one (the local engine comes first), else the last
 * used one, which then says why it cannot be used.
 */
export function defaultEngineId(engines: EngineStatus[], lastUsed: string): string {
  const last = engines.find((e) => e.id === lastUsed);
  if (last && isUsable(last)) return last.id;
  return engines.find(isUsable)?.id ?? last?.id ?? engines[0]?.id ?? lastUsed;
}

/** Why a new session cannot go to this engine now; null when it can. */
export function engineChoiceError(engines: EngineStatus[], engineId: string): string | null {
  const engine = engines.find((e) => e.id === engineId);
  if (!engine) return 'That engine was removed: choose another.';
  if (isUsable(engine)) return null;
  return `${engine.name} is not connected (${engineHealth(engine)}): choose a connected engine, or see Settings → Engines.`;
}

/** The select's option text: `build-box — connected · 20.10.24 · 3.1 ms`. */
export function engineOptionText(engine: EngineStatus): string {
  return `${engine.name} — ${engineHealth(engine)}`;
}
