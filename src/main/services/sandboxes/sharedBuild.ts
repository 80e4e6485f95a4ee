import { abortError } from './dockerErrors';
import type { ImageBuildProgress } from './sandboxRuntime';

type ProgressListener = (progress: ImageBuildProgress) => void;

/**
 * Keeps at most this many lines for late joiners: a build that installs packages prints a few
 * thousand, and a runaway one must not grow without bound.
 */
const keptLines = 10_000;

/**
 * One image build that several callers wait on. A caller that joins late first receives the
 * lines printed so far; a caller that aborts stops receiving and rejects, and when the last one
 * has left the build itself is cancelled.
 */
export class SharedBuild {
  private readonly history: ImageBuildProgress[] = [];
  private readonly listeners = new Set<ProgressListener>();
  private readonly controller = new AbortController();
  private members = 0;
  readonly done: Promise<string>;

  constructor(run: (emit: ProgressListener, signal: AbortSignal) => Promise<string>) {
    this.done = run((progress) => this.emit(progress), this.controller.signal);
    // Callers observe `done` through join(); an unobserved rejection is not an error here.
    this.done.catch(() => undefined);
  }

  join(onProgress: ProgressListener, signal?: AbortSignal): Promise<string> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    for (const progress of this.history) deliver(onProgress, progress);
    this.listeners.add(onProgress);
    this.members += 1;
    return new Promise<string>((resolve, reject) => {
      let left = false;
      const leave = (): void => {
        if (left) return;
        left = true;
        this.listeners.delete(onProgress);
        this.members -= 1;
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        leave();
        if (this.members === 0) this.controller.abort(abortError(signal as AbortSignal));
        reject(abortError(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.done.then(
        (tag) => {
          leave();
          resolve(tag);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }

  /** Whether every caller has left and the build was cancelled. */
  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  private emit(progress: ImageBuildProgress): void {
    this.history.push(progress);
    if (this.history.length > keptLines) this.history.shift();
    for (const listener of [...this.listeners]) deliver(listener, progress);
  }
}

/** A listener that throws must not break the build the other callers wait on. */
function deliver(listener: ProgressListener, progress: ImageBuildProgress): void {
  try {
    listener(progress);
  } catch (error) {
    console.error('An image build progress listener failed:', error);
  }
}
