import type { StateCreator } from 'zustand';
import type { ActivityEvent, AgentState } from '../../../shared/contract/agent';
import {
  mergeEvents,
  withEarlierPage,
  withNewestPage,
  type LoadedLog,
} from '../features/agent/activityPages';
import type { DraftAttachment } from '../features/agent/attachments';
import type { Store } from './index';

export interface AgentLog extends LoadedLog {
  /** An earlier page is being loaded. */
  loadingEarlier: boolean;
}

/** What the user is writing in a session's composer: kept while they switch sessions. */
export interface ComposerDraft {
  text: string;
  attachments: DraftAttachment[];
}

export const emptyComposerDraft: ComposerDraft = { text: '', attachments: [] };

export interface AgentSlice {
  /** Each open session's agent, by session id, as `agent.state` last said. */
  agentStates: Record<string, AgentState>;
  /**
   * The loaded part of each open session's activity log: the newest page (300 events), then
   * older pages as the user scrolls up. Never the whole log: a session can have 100k events.
   */
  agentLogs: Record<string, AgentLog>;
  composerDrafts: Record<string, ComposerDraft>;
  setAgentState(state: AgentState): void;
  /** The newest page, plus live events that came while it loaded. */
  setNewestActivity(sessionId: string, page: LoadedLog, early: ActivityEvent[]): void;
  addEarlierActivity(sessionId: string, page: LoadedLog): void;
  setLoadingEarlier(sessionId: string, loading: boolean): void;
  appendActivity(sessionId: string, event: ActivityEvent): void;
  setComposerDraft(sessionId: string, change: (draft: ComposerDraft) => ComposerDraft): void;
}

export const createAgentSlice: StateCreator<Store, [], [], AgentSlice> = (set) => ({
  agentStates: {},
  agentLogs: {},
  composerDrafts: {},
  setAgentState: (state) =>
    set((s) => ({ agentStates: { ...s.agentStates, [state.sessionId]: state } })),
  setNewestActivity: (sessionId, page, early) =>
    set((s) => {
      const log = withNewestPage(s.agentLogs[sessionId], page);
      const events = mergeEvents(log.events, early);
      return {
        agentLogs: { ...s.agentLogs, [sessionId]: { ...log, events, loadingEarlier: false } },
      };
    }),
  addEarlierActivity: (sessionId, page) =>
    set((s) => {
      const log = s.agentLogs[sessionId];
      if (!log) return {};
      const next = withEarlierPage(log, page);
      return { agentLogs: { ...s.agentLogs, [sessionId]: { ...next, loadingEarlier: false } } };
    }),
  setLoadingEarlier: (sessionId, loading) =>
    set((s) => {
      const log = s.agentLogs[sessionId];
      if (!log) return {};
      return { agentLogs: { ...s.agentLogs, [sessionId]: { ...log, loadingEarlier: loading } } };
    }),
  appendActivity: (sessionId, event) =>
    set((s) => {
      const log = s.agentLogs[sessionId];
      if (!log) return {};
      const events = mergeEvents(log.events, [event]);
      return { agentLogs: { ...s.agentLogs, [sessionId]: { ...log, events } } };
    }),
  setComposerDraft: (sessionId, change) =>
    set((s) => ({
      composerDrafts: {
        ...s.composerDrafts,
        [sessionId]: change(s.composerDrafts[sessionId] ?? emptyComposerDraft),
      },
    })),
});
