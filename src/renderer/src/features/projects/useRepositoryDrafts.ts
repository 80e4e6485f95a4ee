import { useCallback, useState } from 'react';
import { fieldErrorOf } from '../../lib/fieldError';
import { api } from '../../rpc/connection';
import {
  emptyDraft,
  sourceOf,
  withInspection,
  withInspectionError,
  type RepositoryDraft,
} from './repositoryDraft';

export interface RepositoryDrafts {
  drafts: RepositoryDraft[];
  add(): void;
  remove(key: string): void;
  change(key: string, patch: Partial<RepositoryDraft>): void;
  /** Looks at the row's location (unless it already has), then lists its branches. */
  inspect(draft: RepositoryDraft): Promise<void>;
}

/** The repository rows of the project form, each looked at on the host as it is entered. */
export function useRepositoryDrafts(initial: () => RepositoryDraft[]): RepositoryDrafts {
  const [drafts, setDrafts] = useState(initial);

  const edit = useCallback((key: string, next: (draft: RepositoryDraft) => RepositoryDraft) => {
    setDrafts((all) => all.map((d) => (d.key === key ? next(d) : d)));
  }, []);

  const change = useCallback(
    (key: string, patch: Partial<RepositoryDraft>) => edit(key, (d) => ({ ...d, ...patch })),
    [edit],
  );

  const inspect = useCallback(
    async (draft: RepositoryDraft): Promise<void> => {
      const location = draft.location.trim();
      if (location === '') return;
      if (location === draft.inspected && draft.error === null) return;
      edit(draft.key, (d) => ({ ...d, inspecting: true, inspected: location, error: null }));
      // A result only lands on the row if nothing newer was asked for it meanwhile.
      const current = (d: RepositoryDraft): boolean => d.inspected === location;
      try {
        const inspection = await api().projects.inspectRepository({ source: sourceOf(location) });
        edit(draft.key, (d) => (current(d) ? withInspection(d, inspection) : d));
      } catch (failure) {
        const message = fieldErrorOf(failure).message;
        edit(draft.key, (d) => (current(d) ? withInspectionError(d, message) : d));
      }
    },
    [edit],
  );

  const add = useCallback(() => setDrafts((all) => [...all, emptyDraft()]), []);
  const remove = useCallback(
    (key: string) => setDrafts((all) => all.filter((d) => d.key !== key)),
    [],
  );

  return { drafts, add, remove, change, inspect };
}
