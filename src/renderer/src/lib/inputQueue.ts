import { splitInput } from './splitInput';

export interface InputQueue {
  push(data: string): void;
  /** Drops what has not been sent yet. */
  clear(): void;
}

/**
 * Sends terminal input in order, one write in flight at a time. Keystrokes typed while a write is
 * on its way are joined into the next write, so fast typing costs few messages and a large paste
 * (split into 32 K pieces) can never be overtaken by the keys that follow it.
 */
export function createInputQueue(
  send: (data: string) => Promise<void>,
  onError: (error: unknown) => void,
  maxPiece = 32_768,
): InputQueue {
  let waiting = '';
  let busy = false;

  const pump = async (): Promise<void> => {
    busy = true;
    while (waiting.length > 0) {
      const pieces = splitInput(waiting, maxPiece);
      const next = pieces[0] ?? '';
      waiting = waiting.slice(next.length);
      try {
        await send(next);
      } catch (error) {
        // The rest would land out of context (half a paste, keys after a failed one): drop it.
        waiting = '';
        onError(error);
      }
    }
    busy = false;
  };

  return {
    push(data) {
      if (data.length === 0) return;
      waiting += data;
      if (!busy) void pump();
    },
    clear() {
      waiting = '';
    },
  };
}
