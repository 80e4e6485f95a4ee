import { performance } from 'node:perf_hooks';
import type { RpcClient } from '../../src/shared/rpc';

export interface TimedLine {
  text: string;
  /** performance.now() when the line arrived through `sessions.buildOutput`. */
  at: number;
  /** Date.now() at the same moment: comparable with file times inside a local engine's containers. */
  wall: number;
}

/**
 * Every session's log lines (`sessions.buildOutput`, which carries seeding's lines too) with
 * their arrival times, from before the session exists: a line can beat `sessions.create`'s reply.
 */
export class SessionLogLines {
  private readonly lines = new Map<string, TimedLine[]>();
  private readonly off: () => void;

  constructor(client: RpcClient) {
    this.off = client.on('sessions.buildOutput', ({ sessionId, text }) => {
      const at = performance.now();
      const wall = Date.now();
      const list = this.lines.get(sessionId) ?? [];
      for (const line of text.split('\n')) if (line) list.push({ text: line, at, wall });
      this.lines.set(sessionId, list);
    });
  }

  /** The first line of session `id` matching `pattern`; throws with the log when there is none. */
  find(id: string, pattern: RegExp): TimedLine & { match: RegExpExecArray } {
    const list = this.lines.get(id) ?? [];
    for (const line of list) {
      const match = pattern.exec(line.text);
      if (match) return { ...line, match };
    }
    const seen = list.map((l) => l.text).join('\n');
    throw new Error(`session ${id} logged no line matching ${pattern}; its log:\n${seen}`);
  }

  dispose(): void {
    this.off();
  }
}
