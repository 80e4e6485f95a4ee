import { create } from 'zustand';
import { createAgentSlice, type AgentSlice } from './agentSlice';
import { createBranchStatesSlice, type BranchStatesSlice } from './branchStatesSlice';
import { createConnectionSlice, type ConnectionSlice } from './connectionSlice';
import { createEngineSlice, type EngineSlice } from './engineSlice';
import { createModelsSlice, type ModelsSlice } from './modelsSlice';
import { createPortsSlice, type PortsSlice } from './portsSlice';
import { createProjectsSlice, type ProjectsSlice } from './projectsSlice';
import { createReviewsSlice, type ReviewsSlice } from './reviewsSlice';
import { createSessionsSlice, type SessionsSlice } from './sessionsSlice';
import { createSharedSessionsSlice, type SharedSessionsSlice } from './sharedSessionsSlice';
import { createTerminalsSlice, type TerminalsSlice } from './terminalsSlice';
import { createToastsSlice, type ToastsSlice } from './toastsSlice';

export type Store = AgentSlice &
  BranchStatesSlice &
  ConnectionSlice &
  EngineSlice &
  ModelsSlice &
  PortsSlice &
  ProjectsSlice &
  ReviewsSlice &
  SessionsSlice &
  SharedSessionsSlice &
  TerminalsSlice &
  ToastsSlice;

/** The window's state, one slice per concern (zustand's slices pattern). */
export const useStore = create<Store>()((...a) => ({
  ...createAgentSlice(...a),
  ...createBranchStatesSlice(...a),
  ...createConnectionSlice(...a),
  ...createEngineSlice(...a),
  ...createModelsSlice(...a),
  ...createPortsSlice(...a),
  ...createProjectsSlice(...a),
  ...createReviewsSlice(...a),
  ...createSessionsSlice(...a),
  ...createSharedSessionsSlice(...a),
  ...createTerminalsSlice(...a),
  ...createToastsSlice(...a),
}));
