import type { EventBus } from '../events';
import type { TerminalsTable } from '../../storage/terminalsTable';
import { Scrollback } from './scrollback';
import type { TerminalProcess } from './terminalProcess';

/** A crash loses at most this much output: the scrollback is saved this long after output. */
const saveDelayMs = 2000;

/** Dim lines the host writes into a terminal's output (SGR 2 = faint, 0 = reset). */
const dim = (text: string): string => `\r\n\x1b[2m${text}\x1b[0m\r\n`;
export const restartedLine = dim('── shell restarted ──');
export const resumedLine = dim('── reattached: the same shell, its jobs still running ──');
export const exitedLine = (code: number | null): string =>
  dim(code === null ? '[shell exited]' : `[shell exited with code ${code}]`);
export const endedLine = (reason: string): string => dim(`[${reason}]`);
export const reattachingLine = dim('[connection to the engine lost: reattaching when it is back]');

/**
 * One terminal tab on the host: its scrollback (which outlives the shells started in it), the
 * live shell if any, and the output events windows subscribe to.
 */
export class TerminalTab {
  readonly scrollback: Scrollback;
  process: TerminalProcess | undefined;
  /**
   * Set while a shell is being started or its end recorded: callers wait for it, so two attaches
   * do not start two shells and an attach during `exit` does not start one the user just left.
   */
  pending: Promise<void> | undefined;
  /** Set while waiting for the sessions service to say why the sandbox stopped under the shell. */
  endTimer: NodeJS.Timeout | undefined;
  /** The line the cursor was on when the link to the shell dropped (a prompt, most often). */
  private cutLine = '';
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: string,
    readonly sessionId: string,
    saved: string,
    private readonly table: TerminalsTable,
    private readonly bus: EventBus,
  ) {
    this.scrollback = new Scrollback(saved);
  }

  /** Adds output to the scrollback and sends it to the windows. */
  output(data: string): void {
    const seq = this.scrollback.append(data);
    this.bus.emit('terminals.output', { id: this.id, data, seq }, this.id);
    this.saveTimer ??= setTimeout(() => this.save(), saveDelayMs);
    this.saveTimer.unref();
  }

  /** The link to the engine dropped under the shell: says so, remembering the current line. */
  linkLost(): void {
    const text = this.scrollback.text;
    this.cutLine = text.slice(text.lastIndexOf('\n') + 1).slice(-4096);
    this.output(reattachingLine);
  }

  /**
   * A shell runs in the tab again: a new one, or the same one taken over after a lost link, whose
   * current line is shown again so the cursor sits where the shell left it (after its prompt).
   */
  shellBack(resumed: boolean): void {
    this.output(resumed ? resumedLine + this.cutLine : restartedLine);
    this.cutLine = '';
  }

  save(): void {
    this.cancelSave();
    this.table.saveScrollback(this.id, this.scrollback.text);
  }

  cancelTimers(): void {
    this.cancelSave();
    if (this.endTimer) clearTimeout(this.endTimer);
    this.endTimer = undefined;
  }

  cancelSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
  }

  hasReader(): boolean {
    return this.bus.hasSubscribers('terminals.output', this.id);
  }
}
