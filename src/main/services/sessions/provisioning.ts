import { RpcError, type SessionProgress } from '../../../shared/contract';
import type { SessionPatch, StoredSession } from '../../storage/sessionsTable';
import type { EventBus } from '../events';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import type { BuildLogs } from './buildLogs';

export interface SeedStep {
  (
    session: StoredSession,
    containerId: string,
    report: { progress(message: string, fraction: number): void; log(line: string): void },
    signal: AbortSignal,
  ): Promise<string[]>;
}

interface ProvisioningDeps {
  /** The runtime of the engine the session is on. */
  runtime: (session: StoredSession) => SandboxRuntime;
  /** Labels a new sandbox carries besides the session's own (owner, branch). */
  labels: (session: StoredSession) => Record<string, string>;
  /** Copies the session's repositories in once the sandbox runs; returns the failures. */
  seed: SeedStep;
  bus: EventBus;
  buildLogs: BuildLogs;
  setProgress(id: string, progress: SessionProgress): void;
  update(id: string, patch: SessionPatch): StoredSession;
  /** The image the session's container was made from, once known. */
  image(id: string): string | undefined;
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

  /** Makes the sandbox; with `containerId`, only starts that existing one and seeds. */
  run(session: StoredSession, containerId?: string): void {
    const controller = new AbortController();
    const done = this.provision(session, controller.signal, containerId).finally(() => {
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

  private async provision(
    session: StoredSession,
    signal: AbortSignal,
    existing?: string,
  ): Promise<void> {
    const { buildLogs, bus } = this.deps;
    const runtime = this.deps.runtime(session);
    const id = session.id;
    let lastProgress = 0;
    let message = 'Checking the sandbox image…';
    let fraction: number | undefined;
    const log = (line: string): void => {
      // One line per entry, however the engine split its output.
      const text = line.endsWith('\n') ? line : `${line}\n`;
      buildLogs.append(id, text);
      bus.emit('sessions.buildOutput', { sessionId: id, image: '', text }, id);
    };
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
      let containerId = existing;
      if (containerId === undefined) {
        progress('image', true);
        const image = await runtime.ensureImage((p) => {
          if (signal.aborted) return;
          if (p.line !== undefined) log(p.line);
          if (p.fraction !== undefined) fraction = p.fraction;
          // The window shows the fraction itself, as a bar and a number.
          message = 'Building the sandbox image (the first build takes a few minutes)…';
          progress('image');
        }, signal);
        throwIfAborted(signal);
        fraction = undefined;
        message = 'Creating the sandbox container…';
        progress('container', true);
        containerId = await runtime.create(
          { sessionId: id, sessionName: session.name, image, labels: this.deps.labels(session) },
          signal,
        );
        this.deps.update(id, { image, containerId });
      }
      throwIfAborted(signal);
      message = 'Starting the sandbox…';
      progress('starting', true);
      await runtime.start(containerId);
      throwIfAborted(signal);
      const failures = await this.deps.seed(
        session,
        containerId,
        {
          progress: (text, within) => {
            message = text;
            fraction = within;
            progress('repositories');
          },
          log,
        },
        signal,
      );
      throwIfAborted(signal);
      buildLogs.finish(id, this.deps.image(id) ?? '');
      if (failures.length > 0) {
        this.deps.update(id, {
          status: 'running',
          statusDetail: `Some repositories could not be checked out: ${failures.join('; ')}`,
        });
        return;
      }
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
