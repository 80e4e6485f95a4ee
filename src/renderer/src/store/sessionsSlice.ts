import type { StateCreator } from 'zustand';
import type { Session } from '../../../shared/contract/sessions';
import { storage } from '../lib/storage';
import { hashForSession, sessionIdFromHash } from '../lib/hashRoute';
import type { Store } from './index';

const selectedKey = 'berth.selectedSession';

export interface SessionsSlice {
  /** Live sessions, newest first; deleted ones are dropped. */
  sessions: Session[];
  sessionsLoaded: boolean;
  selectedSessionId: string | null;
  setSessions(sessions: Session[]): void;
  upsertSession(session: Session): void;
  /** Selects a session and remembers it in the URL hash and localStorage. */
  selectSession(id: string | null): void;
}

function newestFirst(a: Session, b: Session): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
}

function initialSelection(): string | null {
  return sessionIdFromHash(window.location.hash) ?? storage.get(selectedKey);
}

function remember(id: string | null): void {
  storage.set(selectedKey, id);
  const hash = hashForSession(id);
  if (window.location.hash === hash) return;
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
}

export const createSessionsSlice: StateCreator<Store, [], [], SessionsSlice> = (set, get) => ({
  sessions: [],
  sessionsLoaded: false,
  selectedSessionId: initialSelection(),
  setSessions: (sessions) => {
    const live = sessions.filter((s) => s.status !== 'deleted').sort(newestFirst);
    set({ sessions: live, sessionsLoaded: true });
    const selected = get().selectedSessionId;
    if (selected !== null && !live.some((s) => s.id === selected)) get().selectSession(null);
    else remember(selected);
  },
  upsertSession: (session) => {
    const others = get().sessions.filter((s) => s.id !== session.id);
    if (session.status === 'deleted') {
      set({ sessions: others });
      if (get().selectedSessionId === session.id) get().selectSession(null);
      return;
    }
    set({ sessions: [...others, session].sort(newestFirst) });
  },
  selectSession: (id) => {
    remember(id);
    if (get().selectedSessionId !== id) set({ selectedSessionId: id });
  },
});
