import { create } from 'zustand';
import { createConnectionSlice, type ConnectionSlice } from './connectionSlice';
import { createEngineSlice, type EngineSlice } from './engineSlice';
import { createSessionsSlice, type SessionsSlice } from './sessionsSlice';
import { createTerminalsSlice, type TerminalsSlice } from './terminalsSlice';
import { createToastsSlice, type ToastsSlice } from './toastsSlice';

export type Store = ConnectionSlice & EngineSlice & SessionsSlice & TerminalsSlice & ToastsSlice;

/** The window's state, one slice per concern (zustand's slices pattern). */
export const useStore = create<Store>()((...a) => ({
  ...createConnectionSlice(...a),
  ...createEngineSlice(...a),
  ...createSessionsSlice(...a),
  ...createTerminalsSlice(...a),
  ...createToastsSlice(...a),
}));
