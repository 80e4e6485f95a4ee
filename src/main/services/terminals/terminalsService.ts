import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { RpcError } from '../../../shared/contract';
import type {
  Session,
  Terminal,
  TerminalSnapshot,
  TerminalsApi,
  terminalsInput,
} from '../../../shared/contract';
import type { Disposer } from '../../../shared/rpc/transport';
import { endShell, spawnShell } from './shell';
import { TerminalTabs, type TerminalsDeps } from './terminalTabs';
import type { TerminalTab } from './terminalTab';

export type { TerminalsDeps } from './terminalTabs';

type Input<M extends keyof typeof terminalsInput> = z.infer<(typeof terminalsInput)[M]>;

/** Terminal tabs of sessions: `docker exec` shells with host scrollback and flow control. */
export class TerminalsService implements TerminalsApi {
  private readonly tabs: TerminalTabs;
  private readonly unsubscribe: Disposer;
  private disposed = false;

  constructor(private readonly deps: TerminalsDeps) {
    this.tabs = new TerminalTabs(deps);
    this.unsubscribe = deps.bus.on('sessions.changed', (session) => this.onSessionChanged(session));
  }

  async list({ sessionId }: Input<'list'>): Promise<Terminal[]> {
    if (!this.deps.sessions.exists(sessionId)) {
      throw new RpcError('not_found', `No session with id "${sessionId}".`);
    }
    return this.deps.table.listBySession(sessionId);
  }

  async open({ sessionId, cols, rows, title }: Input<'open'>): Promise<Terminal> {
    this.ensureLive();
    const containerId = this.deps.sessions.containerOf(sessionId);
    const id = randomUUID();
    const workingDir = this.deps.sessions.workingDirOf(sessionId);
    const exec = await spawnShell(this.deps.runtime, containerId, id, { cols, rows }, workingDir);
    try {
      // Numbered after the await, so two tabs opened at once get different positions.
      const position = this.deps.table.nextPosition(sessionId);
      const terminal: Terminal = {
        id,
        sessionId,
        title: title ?? `Terminal ${position + 1}`,
        status: 'running',
        cols,
        rows,
        position,
        createdAt: new Date().toISOString(),
      };
      this.deps.table.insert(terminal);
      this.tabs.add(terminal, exec, containerId);
      this.deps.bus.emit('terminals.changed', terminal, sessionId);
      return terminal;
    } catch (error) {
      exec.stream.destroy();
      void endShell(this.deps.runtime, containerId, id).catch(() => undefined);
      throw error;
    }
  }

  async attach({ id }: Input<'attach'>): Promise<TerminalSnapshot> {
    const tab = await this.settled(id);
    let terminal = this.tabs.row(id);
    if (terminal.status === 'running' && !tab.process) terminal = await this.revive(tab, terminal);
    tab.process?.resetFlow();
    return { terminal, data: tab.scrollback.text, seq: tab.scrollback.seq };
  }

  async write({ id, data }: Input<'write'>): Promise<void> {
    const tab = await this.settled(id);
    let terminal = this.tabs.row(id);
    if (terminal.status === 'running' && !tab.process) terminal = await this.revive(tab, terminal);
    const process = tab.process;
    if (!process?.alive) {
      throw new RpcError(
        'conflict',
        `The shell in ${terminal.title} has exited: restart it or close the tab.`,
      );
    }
    process.write(data);
  }

  async resize({ id, cols, rows }: Input<'resize'>): Promise<Terminal> {
    const tab = this.tab(id);
    // The size is saved either way and a new shell starts with it; a shell that exits during
    // the resize has no use for the error.
    if (tab.process?.alive) await tab.process.resize(cols, rows).catch(() => undefined);
    return this.tabs.update(id, { cols, rows });
  }

  async rename({ id, title }: Input<'rename'>): Promise<Terminal> {
    this.tab(id);
    return this.tabs.update(id, { title });
  }

  async restart({ id }: Input<'restart'>): Promise<Terminal> {
    const tab = await this.settled(id);
    const terminal = this.tabs.row(id);
    if (terminal.status === 'running') {
      throw new RpcError('conflict', `The shell in ${terminal.title} is still running.`);
    }
    const containerId = this.deps.sessions.containerOf(terminal.sessionId);
    await this.tabs.startShell(tab, containerId, terminal);
    return this.tabs.row(id);
  }

  async close({ id }: Input<'close'>): Promise<void> {
    await this.tabs.close(this.tab(id));
  }

  async ack({ id, chars }: Input<'ack'>): Promise<void> {
    const tab = this.tabs.loaded(id);
    if (tab) tab.process?.ack(chars);
    else this.tabs.row(id);
  }

  /** Saves every tab's scrollback and ends the shells (the tabs reopen on the next attach). */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe();
    await this.tabs.dispose();
  }

  private onSessionChanged(session: Session): void {
    const rows = this.deps.table.listBySession(session.id);
    if (session.status === 'deleted') {
      for (const row of rows) void this.tabs.close(this.tabs.of(row));
      return;
    }
    if (session.status === 'running' && session.containerId) {
      this.tabs.reattach(session.id, session.containerId);
      return;
    }
    if (session.status !== 'stopped' && session.status !== 'error') return;
    const reason =
      session.status === 'stopped'
        ? 'Session stopped'
        : `Sandbox lost: ${session.statusDetail ?? 'the sandbox stopped unexpectedly'}`;
    for (const row of rows) if (row.status === 'running') this.tabs.end(this.tabs.of(row), reason);
  }

  /** Starts a shell again in a tab left running by a workbench that has since restarted. */
  private async revive(tab: TerminalTab, terminal: Terminal): Promise<Terminal> {
    let containerId: string;
    try {
      containerId = this.deps.sessions.containerOf(terminal.sessionId);
    } catch (error) {
      if (error instanceof RpcError && error.code === 'conflict') {
        return this.tabs.end(tab, 'Session is stopped') ?? this.tabs.row(tab.id);
      }
      throw error;
    }
    await this.tabs.startShell(tab, containerId, terminal);
    return this.tabs.row(tab.id);
  }

  /** The tab, once a shell being started or ended in it has settled. */
  private async settled(id: string): Promise<TerminalTab> {
    const tab = this.tab(id);
    if (tab.pending) await tab.pending.catch(() => undefined);
    return tab;
  }

  private tab(id: string): TerminalTab {
    this.ensureLive();
    return this.tabs.get(id);
  }

  private ensureLive(): void {
    if (this.disposed) throw new RpcError('unavailable', 'The workbench is shutting down.');
  }
}
