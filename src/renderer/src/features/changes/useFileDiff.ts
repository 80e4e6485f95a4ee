import { useEffect, useState } from 'react';
import type { ChangedFile, FileDiff } from '../../../../shared/contract/reviews';
import { errorMessage, isCancelled } from '../../lib/errorMessage';
import { api } from '../../rpc/connection';

interface Loaded {
  key: string;
  diff?: FileDiff;
  error?: string;
}

/**
 * Both sides of the open file, read when it is opened and again whenever the change list is
 * (`version` changes with it). The last diff stays shown while a newer one loads, so a refresh
 * never blanks the editor.
 */
export function useFileDiff(
  sessionId: string,
  repository: string,
  file: ChangedFile | undefined,
  version: unknown,
): { diff?: FileDiff; error?: string; loading: boolean; retry(): void } {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);
  const key = file ? `${repository}\0${file.path}\0${file.oldPath ?? ''}` : null;
  const path = file?.path;
  const oldPath = file?.oldPath;

  useEffect(() => {
    if (key === null || path === undefined) return;
    const controller = new AbortController();
    api()
      .reviews.file(
        { sessionId, repository, path, ...(oldPath !== undefined ? { oldPath } : {}) },
        { signal: controller.signal },
      )
      .then((diff) => setLoaded({ key, diff }))
      .catch((error: unknown) => {
        if (isCancelled(error)) return;
        setLoaded((old) => ({
          key,
          ...(old?.key === key && old.diff ? { diff: old.diff } : {}),
          error: errorMessage(error),
        }));
      });
    return () => controller.abort();
  }, [sessionId, repository, key, path, oldPath, version, attempt]);

  const current = loaded !== null && loaded.key === key ? loaded : null;
  return {
    ...(current?.diff ? { diff: current.diff } : {}),
    ...(current?.error !== undefined ? { error: current.error } : {}),
    loading: key !== null && current === null,
    retry: () => setAttempt((n) => n + 1),
  };
}
