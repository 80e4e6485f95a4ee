import { RpcError, type SessionProgress } from '../../../shared/contract';
import type { SessionPatch, StoredSession } from '../../storage/sessionsTable';
import type { EventBus } from '../events';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import type { BuildLogs } from './buildLogs';

interface ProvisioningDeps {
  runtime: SandboxRuntime;
  bus: EventBus;
  buildLogs: BuildLogs;
  setProgress(id: string, progress: SessionProgress): void;
  update(id: string, patch: SessionPatch): StoredSession;
}

// Build output can be hundreds of lines a second; windows need the progress line a few times a
// second, not per line.
const progressEveryMs = 200;

/**
 * Makes a session's sandbox in the background: image (built on first use), container, start.
 * Each run can be cancelled (deleting a session that is still being created).
 */
export class Provisioning {
  private readonly runs = new Map<string, { controller: AbortController; done: Promise<void> }>();

  constructor(private readonly deps: ProvisioningDeps) {}

  run(session: StoredSession): void {
    const controller = new AbortController();
    const done = this.provision(session, controller.signal).finally(() => {
      this.runs.delete(session.id);
    });
    this.runs.set(session.id, { controller, done });
  }

  isRunning(id: string): boolean {
    return this.runs.has(id);
  }

  /** Cancels a run and waits until it has stopped touching the engine. */
  async cancel(id: string): Promise<void> {
    const run = this.runs.get(id);
    if (!run) return;
    run.controller.abort();
    await run.done;
  }

  async cancelAll(): Promise<void> {
    await Promise.all([...this.runs.keys()].map((id) => this.cancel(id)));
  }

  private async provision(session: StoredSession, signal: AbortSignal): Promise<void> {
    const { runtime, buildLogs, bus } = this.deps;
    const id = session.id;
    let lastProgress = 0;
    let message = 'Checking the sandbox image…';
    let fraction: number | undefined;
    const progress = (phase: SessionProgress['phase'], force = false): void => {
      const now = Date.now();
      if (!force && now - lastProgress < progressEveryMs) return;
      lastProgress = now;
      this.deps.setProgress(
        id,
        fraction === undefined ? { phase, message } : { phase, message, fraction },
      );
    };
    try {
      buildLogs.begin(id);
      progress('image', true);
      const image = await runtime.ensureImage((p) => {
        if (signal.aborted) return;
        if (p.line !== undefined) {
          // One line per entry, however the engine split its output.
          const text = p.line.endsWith('\n') ? p.line : `${p.line}\n`;
          buildLogs.append(id, text);
          bus.emit('sessions.buildOutput', { sessionId: id, image: '', text }, id);
        }
        if (p.fraction !== undefined) fraction = p.fraction;
        // The window shows the fraction itself, as a bar and a number.
        message = 'Building the sandbox image (the first build takes a few minutes)…';
        progress('image');
      }, signal);
      buildLogs.finish(id, image);
      throwIfAborted(signal);
      fraction = undefined;
      message = 'Creating the sandbox container…';
      progress('container', true);
      const containerId = await runtime.create(
        { sessionId: id, sessionName: session.name, image },
        signal,
      );
      this.deps.update(id, { image, containerId });
      throwIfAborted(signal);
      message = 'Starting the sandbox…';
      progress('starting', true);
      await runtime.start(containerId);
      throwIfAborted(signal);
      this.deps.update(id, { status: 'running', statusDetail: null });
    } catch (error) {
      if (signal.aborted) return;
      const detail = error instanceof Error ? error.message : String(error);
      buildLogs.append(id, `error: ${detail}\n`);
      buildLogs.finish(id, '');
      this.deps.update(id, {
        status: 'error',
        statusDetail: `Could not create the sandbox: ${detail}`,
      });
    }
  }
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new RpcError('unavailable', 'Cancelled.');
}
