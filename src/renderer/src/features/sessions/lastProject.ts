import { storage } from '../../lib/storage';

const key = 'berth.lastProject';

/** The project the last session was made from (null: an empty sandbox), remembered locally. */
export const lastProject = {
  get: (): string | null => storage.get(key),
  set: (projectId: string | null): void => storage.set(key, projectId),
};
