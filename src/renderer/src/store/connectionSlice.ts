import type { StateCreator } from 'zustand';
import type { Store } from './index';

/**
 * `connecting` until the first load succeeds; `reconnecting` from a lost connection until the
 * sessions list has been loaded again (the RPC client says `connected` as soon as it retries).
 */
export type Connection = 'connecting' | 'connected' | 'reconnecting';

export interface ConnectionSlice {
  connection: Connection;
  /** Goes up by one after every successful (re)load; views re-attach when it changes. */
  connectionEpoch: number;
  setReconnecting(): void;
  setConnected(): void;
}

export const createConnectionSlice: StateCreator<Store, [], [], ConnectionSlice> = (set) => ({
  connection: 'connecting',
  connectionEpoch: 0,
  setReconnecting: () => set({ connection: 'reconnecting' }),
  setConnected: () =>
    set((s) => ({ connection: 'connected', connectionEpoch: s.connectionEpoch + 1 })),
});
