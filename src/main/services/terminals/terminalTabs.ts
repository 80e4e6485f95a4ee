import { setTimeout as sleep } from 'node:timers/promises';
import { RpcError, type Terminal } from '../../../shared/contract';
import type { TerminalPatch, TerminalsTable } from '../../storage/terminalsTable';
import type { EventBus } from '../events';
import type { ExecProcess, SandboxRuntime } from '../sandboxes/sandboxRuntime';
import { endShell, spawnShell, type ShellSize } from './shell';
import { TerminalProcess } from './terminalProcess';
import { TerminalTab, endedLine, exitedLine } from './terminalTab';

export interface TerminalsDeps {
  table: TerminalsTable;
  runtime: SandboxRuntime;
  bus: EventBus;
  /** The running session's container id; throws `not_found` or `conflict` (not running). */
  sessions: {
    containerOf(sessionId: string): string;
    /** Whether a live (not deleted) session has this id. */
    exists(sessionId: string): boolean;
    /** Where new shells start: the primary repository, else /workspace. */
    workingDirOf(sessionId: string): string;
    /** Whether the session's engine is out of reach now (its sandbox runs on, unseen). */
    unreachable?(sessionId: string): boolean;
  };
}

/**
 * When a shell ends because its sandbox stopped, the sessions service is about to say why
 * (stopped by the user, or lost); 3 s is ample for that, after which the tab says it alone.
 */
const sandboxVerdictMs = 3000;
/**
 * A shell killed by a signal (code over 128, or none) may have died with its sandbox, which the
 * engine reports as stopped some tens of milliseconds later: look after 1 s, not at once.
 */
const signalSettleMs = 1000;

/**
 * The open tabs the host holds in memory, and the shells in them: starting one, noticing how it
 * ended, ending it. Rows live in the table; a tab is loaded (with its saved scrollback) on use.
 */
export class TerminalTabs {
  private readonly tabs = new Map<string, TerminalTab>();

  constructor(private readonly deps: TerminalsDeps) {}

  /** The tab with this id; `not_found` if there is no open one. */
  get(id: string): TerminalTab {
    return this.tabs.get(id) ?? this.of(this.row(id));
  }

  /** The tab if it is loaded, without reading the table. */
  loaded(id: string): TerminalTab | undefined {
    return this.tabs.get(id);
  }

  of(terminal: Terminal): TerminalTab {
    let tab = this.tabs.get(terminal.id);
    if (!tab) {
      const saved = this.deps.table.scrollback(terminal.id);
      tab = new TerminalTab(terminal.id, terminal.sessionId, saved, this.deps.table, this.deps.bus);
      this.tabs.set(terminal.id, tab);
    }
    return tab;
  }

  row(id: string): Terminal {
    const terminal = this.deps.table.get(id);
    if (!terminal) throw new RpcError('not_found', `No terminal ${id}.`);
    return terminal;
  }

  /** A tab just inserted in the table, with the shell already started for it. */
  add(terminal: Terminal, exec: ExecProcess, containerId: string): void {
    const tab = new TerminalTab(
      terminal.id,
      terminal.sessionId,
      '',
      this.deps.table,
      this.deps.bus,
    );
    this.tabs.set(terminal.id, tab);
    this.wire(tab, exec, containerId);
  }

  /** Saves the table row and tells the session's windows. */
  update(id: string, patch: TerminalPatch): Terminal {
    const terminal = this.deps.table.update(id, patch);
    this.deps.bus.emit('terminals.changed', terminal, terminal.sessionId);
    return terminal;
  }

  /**
   * A new shell in an existing tab: the scrollback stays, with a separator line before it. Joins
   * a start already under way (two windows attaching at once start one shell).
   */
  startShell(tab: TerminalTab, containerId: string, size: ShellSize): Promise<void> {
    if (tab.pending) return tab.pending;
    const starting = (async () => {
      const exec = await spawnShell(
        this.deps.runtime,
        containerId,
        tab.id,
        size,
        this.deps.sessions.workingDirOf(tab.sessionId),
      );
      if (this.tabs.get(tab.id) !== tab) {
        exec.stream.destroy();
        await endShell(this.deps.runtime, containerId, tab.id).catch(() => undefined);
        throw new RpcError('not_found', `No terminal ${tab.id}.`);
      }
      tab.shellBack(exec.resumed);
      this.wire(tab, exec, containerId);
      this.update(tab.id, { status: 'running', exitCode: null, exitReason: null });
    })().finally(() => {
      tab.pending = undefined;
    });
    tab.pending = starting;
    return starting;
  }

  /** Marks a running tab exited for a reason outside the shell; returns the updated tab. */
  end(tab: TerminalTab, reason: string): Terminal | undefined {
    tab.cancelTimers();
    const process = tab.process;
    tab.process = undefined;
    void process?.kill();
    const current = this.deps.table.get(tab.id);
    if (!current || current.status !== 'running') return current;
    tab.output(endedLine(reason));
    tab.save();
    return this.update(tab.id, { status: 'exited', exitCode: null, exitReason: reason });
  }

  /** Ends the tab's shell (waiting until it is gone) and removes the tab. */
  async close(tab: TerminalTab): Promise<void> {
    tab.cancelTimers();
    const process = tab.process;
    tab.process = undefined;
    this.tabs.delete(tab.id);
    this.deps.table.close(tab.id);
    this.deps.bus.emit('terminals.closed', { id: tab.id, sessionId: tab.sessionId }, tab.sessionId);
    await process?.kill();
  }

  /** Saves every tab's scrollback, then ends the shells; the rows stay as they are. */
  async dispose(): Promise<void> {
    const ending: Promise<void>[] = [];
    for (const tab of this.tabs.values()) {
      tab.cancelTimers();
      const process = tab.process;
      tab.process = undefined;
      process?.flush();
      tab.save();
      if (process) ending.push(process.kill());
    }
    this.tabs.clear();
    await Promise.allSettled(ending);
  }

  private wire(tab: TerminalTab, exec: ExecProcess, containerId: string): void {
    const process: TerminalProcess = new TerminalProcess(
      exec,
      {
        output: (text) => tab.output(text),
        exit: (code) => {
          tab.pending = this.onShellExit(tab, process, code).finally(() => {
            tab.pending = undefined;
          });
        },
      },
      {
        hasReader: () => tab.hasReader(),
        end: () => endShell(this.deps.runtime, containerId, tab.id),
      },
    );
    tab.process = process;
  }

  /** The shell ended by itself: the user left it, or the sandbox went away under it. */
  private async onShellExit(tab: TerminalTab, process: TerminalProcess, code: number | null) {
    if (tab.process !== process) return;
    if (code === null || code > 128) await sleep(signalSettleMs);
    const sandbox = await this.sandboxState(tab.sessionId);
    if (tab.process !== process || this.tabs.get(tab.id) !== tab) return;
    tab.process = undefined;
    if (sandbox === 'unreachable') {
      // The link to the engine dropped, not the shell's sandbox: the tab stays running and a
      // shell starts in it again (scrollback kept) once the session is back.
      tab.linkLost();
      tab.save();
      return;
    }
    if (sandbox === 'running' && code === null && this.deps.sessions.unreachable) {
      // No exit code and the sandbox runs: the stream was cut (a link that dropped and is
      // back already), not the shell ended. Start one again in the same tab.
      tab.linkLost();
      // After this exit handling settles (startShell joins a pending start).
      setTimeout(() => this.reattach(tab.sessionId, this.deps.sessions.containerOf(tab.sessionId)));
      return;
    }
    if (sandbox === 'gone') {
      tab.endTimer = setTimeout(() => this.end(tab, 'Sandbox stopped'), sandboxVerdictMs);
      tab.endTimer.unref();
      return;
    }
    tab.output(exitedLine(code));
    tab.save();
    this.update(tab.id, { status: 'exited', exitCode: code, exitReason: null });
  }

  private async sandboxState(sessionId: string): Promise<'running' | 'gone' | 'unreachable'> {
    try {
      if (this.deps.sessions.unreachable?.(sessionId)) return 'unreachable';
      const containerId = this.deps.sessions.containerOf(sessionId);
      const running = (await this.deps.runtime.inspect(containerId)).state === 'running';
      return running ? 'running' : 'gone';
    } catch {
      try {
        return this.deps.sessions.unreachable?.(sessionId) ? 'unreachable' : 'gone';
      } catch {
        // The workbench is closing.
        return 'gone';
      }
    }
  }

  /** Tabs left running without a shell by a lost engine link: a shell again in each. */
  reattach(sessionId: string, containerId: string): void {
    for (const tab of this.tabs.values()) {
      if (tab.sessionId !== sessionId || tab.process || tab.pending) continue;
      const row = this.deps.table.get(tab.id);
      if (row?.status !== 'running') continue;
      void this.startShell(tab, containerId, row).catch(() => undefined);
    }
  }
}
