import type { ToolDetail } from '../../../../shared/contract';
import type { SandboxRuntime } from '../../sandboxes/sandboxRuntime';

/** What a sandbox tool needs to run: the sandbox, where the agent works, and how to stop it. */
export interface ToolContext {
  runtime: SandboxRuntime;
  /** The model's id for this call: names the command's pid file so Stop (or a restart) can kill it. */
  toolCallId: string;
  containerId: string;
  /** The primary repository in the sandbox, e.g. `/workspace/app`; relative paths start here. */
  repoDir: string;
  /** The sandbox's non-root user the tools run as (`1000:1000`). */
  user: string;
  /** Aborted when the user presses Stop: a running command is killed in the sandbox. */
  signal: AbortSignal;
  /** Output of a running command as it comes, for the chat (not the model). */
  onOutput?: (text: string) => void;
  /** Per-session memory across calls: file hashes from reads (stale-read guard), directories
   * whose nested AGENTS.md was already shown. Lost on restart; the model then re-reads. */
  memory: ToolMemory;
}

export interface ToolMemory {
  /** Absolute path → sha256 of the content when the agent last read or wrote it. */
  readHashes: Map<string, string>;
  /** Directories whose AGENTS.md was already appended to a read_file result. */
  instructionDirs: Set<string>;
}

/** What a tool call gave: what the model sees, and what the log and the chat show. */
export interface ToolOutcome {
  /** `error` is a tool error the model sees (a miss, a bad path); it never throws for those. */
  status: 'ok' | 'error' | 'stopped';
  /** Sent to the model: capped at 10 KiB / 256 lines, head and tail kept. */
  modelOutput: string;
  /** One line for the chat: `exit 1 in 2.3 s`, `read 40 of 120 lines`, the error. */
  summary: string;
  detail?: ToolDetail;
  /** Set when the tool changed a file, relative to repoDir. */
  fileChange?: { path: string; change: 'edited' | 'created' };
}
