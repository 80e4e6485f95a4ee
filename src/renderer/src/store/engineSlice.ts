import type { StateCreator } from 'zustand';
import type { EngineList, EngineStatus } from '../../../shared/contract/engines';
import type { Store } from './index';

export interface EngineSlice {
  /** Every engine: the local one first, then remote ones in the order they were added. */
  engines: EngineStatus[];
  /** The engine the last session was made on: the new-session default. */
  lastUsedEngine: string;
  setEngines(list: EngineList): void;
  /** One engine's new state, or an engine just added (it goes last). */
  upsertEngine(engine: EngineStatus): void;
  removeEngine(engineId: string): void;
  /** A session was just made on this engine: the next one defaults to it too. */
  setLastUsedEngine(engineId: string): void;
}

export const localEngineId = 'local';

/** The local engine, which the sidebar's "Docker engine" line is about. */
export function localEngine(engines: EngineStatus[]): EngineStatus | undefined {
  return engines.find((e) => e.kind === 'local');
}

export const createEngineSlice: StateCreator<Store, [], [], EngineSlice> = (set) => ({
  engines: [],
  lastUsedEngine: localEngineId,
  setEngines: ({ engines, lastUsed }) => set({ engines, lastUsedEngine: lastUsed }),
  upsertEngine: (engine) =>
    set((state) => ({
      engines: state.engines.some((e) => e.id === engine.id)
        ? state.engines.map((e) => (e.id === engine.id ? engine : e))
        : [...state.engines, engine],
    })),
  removeEngine: (engineId) =>
    set((state) => ({
      engines: state.engines.filter((e) => e.id !== engineId),
      lastUsedEngine: state.lastUsedEngine === engineId ? localEngineId : state.lastUsedEngine,
    })),
  setLastUsedEngine: (engineId) => set({ lastUsedEngine: engineId }),
});
