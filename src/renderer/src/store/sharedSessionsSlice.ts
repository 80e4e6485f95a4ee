import type { StateCreator } from 'zustand';
import type { SharedSession } from '../../../shared/contract/sessions';
import type { Store } from './index';

export interface SharedSessionsSlice {
  /** Teammates' sessions on the connected engines, as `sessions.shared` last said. */
  sharedSessions: SharedSession[];
  setSharedSessions(sessions: SharedSession[]): void;
}

export const createSharedSessionsSlice: StateCreator<Store, [], [], SharedSessionsSlice> = (
  set,
) => ({
  sharedSessions: [],
  setSharedSessions: (sharedSessions) => set({ sharedSessions }),
});
