import { sandboxLabels } from '../sandboxes/sandboxRuntime';
import type { ContainerEvent } from './engineMonitor';

const actions: ReadonlySet<string> = new Set<ContainerEvent['action']>([
  'create',
  'start',
  'die',
  'stop',
  'kill',
  'oom',
  'destroy',
]);

interface EngineEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  timeNano?: number;
}

/** When the engine stamped an event, in nanoseconds since the epoch (0 when it did not say). */
export function eventTimeNano(raw: unknown): number {
  const time = (raw as EngineEvent | null)?.timeNano;
  return typeof time === 'number' ? time : 0;
}

/**
 * One line of the engine's event stream as a ContainerEvent, or undefined for what sessions do
 * not follow (exec_create, health_status, networks, images, …).
 */
export function toContainerEvent(raw: unknown): ContainerEvent | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const event = raw as EngineEvent;
  if (event.Type !== 'container' || event.Action === undefined || !actions.has(event.Action))
    return undefined;
  const containerId = event.Actor?.ID;
  if (!containerId) return undefined;
  const attributes = event.Actor?.Attributes ?? {};
  const result: ContainerEvent = { action: event.Action as ContainerEvent['action'], containerId };
  const sessionId = attributes[sandboxLabels.session];
  if (sessionId) result.sessionId = sessionId;
  if (event.Action === 'die' && attributes.exitCode !== undefined) {
    const exitCode = Number(attributes.exitCode);
    if (Number.isInteger(exitCode)) result.exitCode = exitCode;
  }
  return result;
}
