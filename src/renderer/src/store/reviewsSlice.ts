import type { StateCreator } from 'zustand';
import type { ChangeList, ReviewComment } from '../../../shared/contract/reviews';
import { storage } from '../lib/storage';
import type { Store } from './index';

const openKey = 'berth.changes.open';

/** What the Changes panel knows of one repository's changes. */
export interface ChangesState {
  /** The last list read; kept while a newer one loads or after a refresh failed. */
  list?: ChangeList;
  /** Why the last read failed, in the RpcError's words. */
  error?: string;
  /** A read is under way (the first, or a refresh). */
  loading: boolean;
}

export type ChangesTab = 'files' | 'comments';

/** The file open in a session's Changes panel. */
export interface ChangesSelection {
  repository: string;
  path: string;
}

export interface ReviewsSlice {
  /** Each open session's review comments (every repository), as `reviews.comments` last said. */
  reviewComments: Record<string, ReviewComment[]>;
  /** Each open session's changes, by session id, then repository. */
  changeLists: Record<string, Record<string, ChangesState>>;
  /** Bumped to read a session's changes again (Retry). */
  changesRequests: Record<string, number>;
  changesSelection: Record<string, ChangesSelection | undefined>;
  /** The Changes panel is open beside the chat; remembered across reloads. */
  changesOpen: boolean;
  /** What the top of the panel lists: the changed files or the review comments. */
  changesTab: ChangesTab;
  setReviewComments(sessionId: string, comments: ReviewComment[]): void;
  /** A comment a call just returned; the event with all of them follows. */
  upsertReviewComment(comment: ReviewComment): void;
  removeReviewComment(sessionId: string, id: string): void;
  setChanges(sessionId: string, repository: string, change: Partial<ChangesState>): void;
  retryChanges(sessionId: string): void;
  selectChangedFile(sessionId: string, selection: ChangesSelection | undefined): void;
  setChangesOpen(open: boolean): void;
  /** Opens the panel (if closed) on a tab. */
  showChanges(tab: ChangesTab): void;
}

export const createReviewsSlice: StateCreator<Store, [], [], ReviewsSlice> = (set) => ({
  reviewComments: {},
  changeLists: {},
  changesRequests: {},
  changesSelection: {},
  changesOpen: storage.get(openKey) === '1',
  changesTab: 'files',
  setReviewComments: (sessionId, comments) =>
    set((s) => ({ reviewComments: { ...s.reviewComments, [sessionId]: comments } })),
  upsertReviewComment: (comment) =>
    set((s) => {
      const list = s.reviewComments[comment.sessionId] ?? [];
      const old = list.find((c) => c.id === comment.id);
      // The event may have brought a newer version already (re-anchored, sent).
      if (old && old.updatedAt > comment.updatedAt) return {};
      const next = old ? list.map((c) => (c.id === comment.id ? comment : c)) : [...list, comment];
      return { reviewComments: { ...s.reviewComments, [comment.sessionId]: next } };
    }),
  removeReviewComment: (sessionId, id) =>
    set((s) => {
      const list = s.reviewComments[sessionId];
      if (!list?.some((c) => c.id === id)) return {};
      return {
        reviewComments: { ...s.reviewComments, [sessionId]: list.filter((c) => c.id !== id) },
      };
    }),
  setChanges: (sessionId, repository, change) =>
    set((s) => {
      const byRepository = s.changeLists[sessionId] ?? {};
      const old = byRepository[repository] ?? { loading: false };
      return {
        changeLists: {
          ...s.changeLists,
          [sessionId]: { ...byRepository, [repository]: { ...old, ...change } },
        },
      };
    }),
  retryChanges: (sessionId) =>
    set((s) => ({
      changesRequests: {
        ...s.changesRequests,
        [sessionId]: (s.changesRequests[sessionId] ?? 0) + 1,
      },
    })),
  selectChangedFile: (sessionId, selection) =>
    set((s) => ({ changesSelection: { ...s.changesSelection, [sessionId]: selection } })),
  setChangesOpen: (open) => {
    storage.set(openKey, open ? '1' : null);
    set({ changesOpen: open });
  },
  showChanges: (tab) => {
    storage.set(openKey, '1');
    set({ changesOpen: true, changesTab: tab });
  },
});
