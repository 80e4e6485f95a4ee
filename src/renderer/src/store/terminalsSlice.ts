import type { StateCreator } from 'zustand';
import type { Terminal } from '../../../shared/contract/terminals';
import { storage } from '../lib/storage';
import type { Store } from './index';

const activeKey = 'berth.activeTerminals';

export interface TerminalsSlice {
  /** Terminal tabs by session id, in tab order. Output is never here: see terminalRegistry. */
  terminals: Record<string, Terminal[]>;
  /** The active tab per session, remembered across reloads. */
  activeTerminal: Record<string, string>;
  setTerminals(sessionId: string, terminals: Terminal[]): void;
  upsertTerminal(terminal: Terminal): void;
  removeTerminal(sessionId: string, id: string): void;
  setActiveTerminal(sessionId: string, id: string): void;
}

function byPosition(a: Terminal, b: Terminal): number {
  return a.position - b.position || (a.createdAt < b.createdAt ? -1 : 1);
}

export const createTerminalsSlice: StateCreator<Store, [], [], TerminalsSlice> = (set, get) => ({
  terminals: {},
  activeTerminal: storage.getJson<Record<string, string>>(activeKey, {}),
  setTerminals: (sessionId, terminals) =>
    set((s) => ({ terminals: { ...s.terminals, [sessionId]: [...terminals].sort(byPosition) } })),
  upsertTerminal: (terminal) =>
    set((s) => {
      const others = (s.terminals[terminal.sessionId] ?? []).filter((t) => t.id !== terminal.id);
      const list = [...others, terminal].sort(byPosition);
      return { terminals: { ...s.terminals, [terminal.sessionId]: list } };
    }),
  removeTerminal: (sessionId, id) =>
    set((s) => {
      const list = (s.terminals[sessionId] ?? []).filter((t) => t.id !== id);
      return { terminals: { ...s.terminals, [sessionId]: list } };
    }),
  setActiveTerminal: (sessionId, id) => {
    if (get().activeTerminal[sessionId] === id) return;
    const activeTerminal = { ...get().activeTerminal, [sessionId]: id };
    storage.setJson(activeKey, activeTerminal);
    set({ activeTerminal });
  },
});
