import { z } from 'zod';
import { sessionIdSchema } from './sessions';

export type TerminalStatus = 'running' | 'exited';

export interface Terminal {
  id: string;
  sessionId: string;
  title: string;
  status: TerminalStatus;
  /** Set once the shell has exited. */
  exitCode?: number;
  /** Why the shell is gone when it did not exit by itself (session stopped, engine lost, …). */
  exitReason?: string;
  cols: number;
  rows: number;
  /** Order of the tab in the workspace. */
  position: number;
  createdAt: string;
}

/** What a window needs to show a terminal again after a reload: its recent output. */
export interface TerminalSnapshot {
  terminal: Terminal;
  /** The host's bounded scrollback, oldest first. */
  data: string;
  /** Sequence number of the last output chunk included in `data`. */
  seq: number;
}

/** A batch of output; chunks with `seq` at or below a snapshot's `seq` are already in it. */
export interface TerminalOutput {
  id: string;
  data: string;
  seq: number;
}

const cols = z.number().int().min(2).max(1000);
const rows = z.number().int().min(1).max(500);
const terminalId = z.string().min(1).max(64);
const title = z
  .string()
  .trim()
  .min(1, 'title must not be empty')
  .max(40, 'title must be at most 40 characters');

export const terminalsInput = {
  list: z.object({ sessionId: sessionIdSchema }).strict(),
  open: z.object({ sessionId: sessionIdSchema, cols, rows, title: title.optional() }).strict(),
  attach: z.object({ id: terminalId }).strict(),
  // 64 KB of input at once is far more than a paste needs; bigger writes are split by the client.
  write: z.object({ id: terminalId, data: z.string().max(65536) }).strict(),
  resize: z.object({ id: terminalId, cols, rows }).strict(),
  rename: z.object({ id: terminalId, title }).strict(),
  restart: z.object({ id: terminalId }).strict(),
  close: z.object({ id: terminalId }).strict(),
  ack: z.object({ id: terminalId, chars: z.number().int().min(0) }).strict(),
};

export interface TerminalsApi {
  /** The session's terminal tabs, in order (running and exited; closed tabs are gone). */
  list(input: z.infer<typeof terminalsInput.list>): Promise<Terminal[]>;
  /** Opens a new tab: a login shell in the sandbox's primary repository (or /workspace). */
  open(input: z.infer<typeof terminalsInput.open>): Promise<Terminal>;
  /**
   * The tab's scrollback so far, for a window that (re)attaches; starts the shell again if the
   * workbench restarted while the tab was open and the session is running. Resets flow control.
   */
  attach(input: z.infer<typeof terminalsInput.attach>): Promise<TerminalSnapshot>;
  /** Sends keystrokes or pasted text to the shell. */
  write(input: z.infer<typeof terminalsInput.write>): Promise<void>;
  /** Tells the shell its new size (it sees SIGWINCH). */
  resize(input: z.infer<typeof terminalsInput.resize>): Promise<Terminal>;
  rename(input: z.infer<typeof terminalsInput.rename>): Promise<Terminal>;
  /** Starts a new shell in a tab whose shell has exited, keeping its scrollback. */
  restart(input: z.infer<typeof terminalsInput.restart>): Promise<Terminal>;
  /** Ends the shell and removes the tab. */
  close(input: z.infer<typeof terminalsInput.close>): Promise<void>;
  /**
   * Flow control: the window has written `chars` more characters into xterm. Output pauses while
   * more than about 100 K characters are unacknowledged.
   */
  ack(input: z.infer<typeof terminalsInput.ack>): Promise<void>;
}

export interface TerminalsEvents {
  /** Output of one terminal; topic is the terminal id. */
  output: TerminalOutput;
  /** A tab was opened, renamed, resized, exited or restarted; topic is the session id. */
  changed: Terminal;
  /** A tab was closed; topic is the session id. */
  closed: { id: string; sessionId: string };
}
