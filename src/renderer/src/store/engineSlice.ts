import type { StateCreator } from 'zustand';
import type { EngineStatus } from '../../../shared/contract/engines';
import type { Store } from './index';

export interface EngineSlice {
  engine: EngineStatus | null;
  setEngine(engine: EngineStatus): void;
}

export const createEngineSlice: StateCreator<Store, [], [], EngineSlice> = (set) => ({
  engine: null,
  setEngine: (engine) => set({ engine }),
});
