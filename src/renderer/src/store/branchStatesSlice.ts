import type { StateCreator } from 'zustand';
import type { BranchState } from '../../../shared/contract/repositories';
import type { Store } from './index';

export interface BranchStatesSlice {
  /**
   * The live branch state of each open session's repositories, by session id. It changes about
   * once a second at most; only the views that select one session's entry re-render.
   */
  branchStates: Record<string, BranchState[]>;
  setBranchStates(sessionId: string, states: BranchState[]): void;
}

export const createBranchStatesSlice: StateCreator<Store, [], [], BranchStatesSlice> = (set) => ({
  branchStates: {},
  setBranchStates: (sessionId, states) =>
    set((s) => ({ branchStates: { ...s.branchStates, [sessionId]: states } })),
});
