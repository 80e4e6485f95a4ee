import { useEffect, useState } from 'react';
import type { Project, RepositorySource } from '../../../../shared/contract/projects';
import { errorMessage, isCancelled } from '../../lib/errorMessage';
import { api } from '../../rpc/connection';

/** What is known of one repository's branches: loading, listed, or why they could not be read. */
export type BranchList =
  | { state: 'loading' }
  | { state: 'ready'; branches: string[] }
  | { state: 'error'; message: string };

/**
 * Lists each repository's branches on the host while the form is open, so a session can start
 * from another base branch than the project's. The project's own base branch works meanwhile.
 */
export function useProjectBranches(project: Project | undefined): Record<string, BranchList> {
  const [lists, setLists] = useState<Record<string, BranchList>>({});
  // What to look at, as a value: a project event that changes nothing else does not look again.
  const wanted = JSON.stringify(
    project?.repositories.map((r) => ({ key: `${project.id}/${r.id}`, source: r.source })) ?? [],
  );

  useEffect(() => {
    const controller = new AbortController();
    const repositories = JSON.parse(wanted) as { key: string; source: RepositorySource }[];
    for (const { key, source } of repositories) {
      const set = (list: BranchList): void => setLists((all) => ({ ...all, [key]: list }));
      api()
        .projects.inspectRepository({ source }, { signal: controller.signal })
        .then((inspection) => set({ state: 'ready', branches: inspection.branches }))
        .catch((error: unknown) => {
          if (!isCancelled(error)) set({ state: 'error', message: errorMessage(error) });
        });
    }
    return () => controller.abort();
  }, [wanted]);

  const byId: Record<string, BranchList> = {};
  for (const r of project?.repositories ?? []) {
    byId[r.id] = lists[`${project?.id}/${r.id}`] ?? { state: 'loading' };
  }
  return byId;
}
