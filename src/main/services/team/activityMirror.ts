import type { ActivityEvent, SessionRepository } from '../../../shared/contract';
import type { Disposer } from '../../../shared/rpc/transport';
import type { EventBus } from '../events';
import { runChecked, runInSandbox } from '../sandboxes/runInSandbox';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';

/**
 * Where a session's shared copy lives inside its sandbox: a root-owned directory the sandbox
 * user can read but not write, written by the host through the Docker API (exec as root).
 */
export const mirrorDir = '/var/lib/berth';
export const activityFile = `${mirrorDir}/activity.jsonl`;
export const sessionFile = `${mirrorDir}/session.json`;

/** What a teammate needs to open the session: its repositories and branch. */
export interface MirroredSession {
  name: string;
  branch?: string;
  primaryRepository?: string;
  repositories: SessionRepository[];
}

export interface ActivityMirrorDeps {
  bus: EventBus;
  runtime: SandboxRuntime;
  /** The running container of one of this workbench's own sessions, else undefined. */
  ownContainer(sessionId: string): string | undefined;
  /** The session's log after `afterSeq`, oldest first. */
  eventsAfter(sessionId: string, afterSeq: number): ActivityEvent[];
  describe(sessionId: string): MirroredSession | undefined;
}

/** Appends are batched: one exec per session every 250 ms at most. */
const flushEveryMs = 250;

/**
 * Keeps a copy of each own session's activity log in its sandbox, so any workbench attached to
 * the same engine can follow it. The copy is caught up from the database whenever the session
 * (re)starts running, then appended as events happen; its last line tells where it stands.
 */
export class ActivityMirror {
  private readonly written = new Map<string, number>();
  private readonly flushing = new Map<string, Promise<void>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposers: Disposer[] = [];

  constructor(private readonly deps: ActivityMirrorDeps) {
    this.disposers.push(
      deps.bus.on('agent.activity', (event) => this.schedule(event.sessionId)),
      deps.bus.on('sessions.changed', (session) => {
        if (session.status !== 'running') this.written.delete(session.id);
        else if (!session.teammate) this.schedule(session.id);
      }),
    );
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(sessionId: string): void {
    if (this.timers.has(sessionId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(sessionId);
      const previous = this.flushing.get(sessionId) ?? Promise.resolve();
      const next = previous.then(() => this.flush(sessionId)).catch(() => undefined);
      this.flushing.set(sessionId, next);
    }, flushEveryMs);
    timer.unref();
    this.timers.set(sessionId, timer);
  }

  private async flush(sessionId: string): Promise<void> {
    const containerId = this.deps.ownContainer(sessionId);
    if (!containerId) return;
    let seq = this.written.get(sessionId);
    if (seq === undefined) {
      seq = await this.catchUp(sessionId, containerId);
      this.written.set(sessionId, seq);
    }
    const events = this.deps.eventsAfter(sessionId, seq);
    if (events.length === 0) return;
    const lines = events.map((event) => `${JSON.stringify(event)}\n`).join('');
    await runChecked(
      this.deps.runtime,
      containerId,
      { cmd: ['sh', '-c', `cat >> ${activityFile}`], user: 'root', stdin: lines },
      'Copying the activity log into the sandbox',
    );
    this.written.set(sessionId, events.at(-1)!.seq);
  }

  /** Makes the directory, writes session.json, and returns the last sequence in the copy. */
  private async catchUp(sessionId: string, containerId: string): Promise<number> {
    const described = this.deps.describe(sessionId);
    const script = [
      `mkdir -p ${mirrorDir}`,
      `chown root:root ${mirrorDir}`,
      `chmod 755 ${mirrorDir}`,
      `touch ${activityFile}`,
      `chmod 644 ${activityFile}`,
      `cat > ${sessionFile}.new && chmod 644 ${sessionFile}.new && mv ${sessionFile}.new ${sessionFile}`,
      `tail -n 1 ${activityFile}`,
    ].join(' && ');
    const result = await runInSandbox(this.deps.runtime, containerId, {
      cmd: ['sh', '-c', script],
      user: 'root',
      stdin: JSON.stringify(described ?? {}),
    });
    if (result.code !== 0) {
      throw new Error(`Preparing the shared activity log failed: ${result.stderr.trim()}`);
    }
    const last = result.stdout.toString().trim();
    try {
      return last ? (JSON.parse(last) as ActivityEvent).seq : 0;
    } catch {
      return 0;
    }
  }
}
