import type { EngineKind, EngineState, EngineStatus } from '../../../../shared/contract/engines';

/** Which colour an engine's dot takes: a host key to check waits for the user, like connecting. */
export const engineTones: Record<EngineState, 'ok' | 'pending' | 'error'> = {
  connecting: 'pending',
  connected: 'ok',
  unreachable: 'error',
  permission_denied: 'error',
  auth_refused: 'error',
  host_key_unknown: 'pending',
  host_key_changed: 'error',
  docker_unavailable: 'error',
};

const stateWords: Record<EngineState, string> = {
  connecting: 'connecting…',
  connected: 'connected',
  unreachable: 'unreachable',
  permission_denied: 'permission denied',
  auth_refused: 'login refused',
  host_key_unknown: 'host key to check',
  host_key_changed: 'host key changed',
  docker_unavailable: 'Docker not running there',
};

export const kindLabels: Record<EngineKind, string> = { local: 'local', ssh: 'SSH', tls: 'TLS' };

/** One line: `connected · 20.10.24 · 3.2 ms`, or what is wrong in a few words. */
export function engineHealth(engine: EngineStatus): string {
  if (engine.state !== 'connected') return stateWords[engine.state];
  const parts = ['connected'];
  if (engine.version) parts.push(engine.version);
  if (engine.latencyMs !== undefined) parts.push(latencyText(engine.latencyMs));
  return parts.join(' · ');
}

/** The sidebar's few words: the round trip when connected, else what is wrong. */
export function engineHealthShort(engine: EngineStatus): string {
  if (engine.state !== 'connected') return stateWords[engine.state];
  return engine.latencyMs === undefined ? 'connected' : latencyText(engine.latencyMs);
}

/** A tenth of a millisecond matters on a LAN (0.4 ms); past 10 ms, whole ones are enough. */
export function latencyText(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** The engine's name for a session's chip; a session can outlive its engine's entry. */
export function engineName(engines: EngineStatus[], engineId: string): string {
  return engines.find((e) => e.id === engineId)?.name ?? 'removed engine';
}

/** Whether a new session can be made there now. */
export function isUsable(engine: EngineStatus): boolean {
  return engine.state === 'connected';
}
