import { useState } from 'react';

/**
 * Runs a callback of the panel (a request to the backend) with a busy flag and, when it fails,
 * its message: the caller keeps what the user typed, so a failed save loses nothing.
 */
export function useAsyncAction(): {
  busy: boolean;
  error: string | null;
  run(action: () => Promise<void>): Promise<boolean>;
  clearError(): void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : String(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clearError: () => setError(null) };
}
