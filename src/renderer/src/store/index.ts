import { create } from 'zustand';
import { createBranchStatesSlice, type BranchStatesSlice } from './branchStatesSlice';
import { createConnectionSlice, type ConnectionSlice } from './connectionSlice';
import { createEngineSlice, type EngineSlice } from './engineSlice';
import { createProjectsSlice, type ProjectsSlice } from './projectsSlice';
import { createSessionsSlice, type SessionsSlice } from './sessionsSlice';
import { createTerminalsSlice, type TerminalsSlice } from './terminalsSlice';
import { createToastsSlice, type ToastsSlice } from './toastsSlice';

export type Store = BranchStatesSlice &
  ConnectionSlice &
  EngineSlice &
  ProjectsSlice &
  SessionsSlice &
  TerminalsSlice &
  ToastsSlice;

/** The window's state, one slice per concern (zustand's slices pattern). */
export const useStore = create<Store>()((...a) => ({
  ...createBranchStatesSlice(...a),
  ...createConnectionSlice(...a),
  ...createEngineSlice(...a),
  ...createProjectsSlice(...a),
  ...createSessionsSlice(...a),
  ...createTerminalsSlice(...a),
  ...createToastsSlice(...a),
}));
