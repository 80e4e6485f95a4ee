import type { StateCreator } from 'zustand';
import type { SessionPorts } from '../../../shared/contract/ports';
import type { Store } from './index';

export interface PortsSlice {
  /**
   * Each open session's ports (what listens in its sandbox, its forwards and "always forward"
   * ports), by session id, as `ports.list` or `ports.changed` last said.
   */
  ports: Record<string, SessionPorts>;
  setPorts(ports: SessionPorts): void;
}

export const createPortsSlice: StateCreator<Store, [], [], PortsSlice> = (set) => ({
  ports: {},
  setPorts: (ports) => set((s) => ({ ports: { ...s.ports, [ports.sessionId]: ports } })),
});
