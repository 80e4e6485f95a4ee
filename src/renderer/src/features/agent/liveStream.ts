import type { ActivityEvent, AgentEvents } from '../../../../shared/contract/agent';

/** What streams in before it is in the log: the step's text and reasoning, command output. */
export interface LiveSnapshot {
  turn: number;
  text: string;
  reasoning: string;
  /** Output of running commands by toolCallId, the last 64 KiB of each. */
  outputs: ReadonlyMap<string, string>;
}

// Enough for a screenful of any command; the whole output comes with the tool's result.
const outputTail = 64 * 1024;

const empty: LiveSnapshot = { turn: 0, text: '', reasoning: '', outputs: new Map() };

export type Schedule = (flush: () => void) => void;

const nextFrame: Schedule = (flush) => {
  requestAnimationFrame(() => flush());
};

/**
 * The streaming parts of one session's chat, outside React state: deltas and output are added
 * as they come and published at most once an animation frame (a fast model sends hundreds of
 * deltas a second). The step's own activity event replaces its live text.
 */
export class LiveStream {
  private current: LiveSnapshot = empty;
  private next: LiveSnapshot = empty;
  private scheduled = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly schedule: Schedule = nextFrame) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): LiveSnapshot => this.current;

  delta(delta: AgentEvents['delta']): void {
    // A new turn starts its text afresh; output of a command still running stays.
    const base =
      delta.turn === this.next.turn
        ? this.next
        : { ...this.next, turn: delta.turn, text: '', reasoning: '' };
    this.change(
      delta.kind === 'text'
        ? { ...base, text: base.text + delta.text }
        : { ...base, reasoning: base.reasoning + delta.text },
    );
  }

  output(output: AgentEvents['output']): void {
    const outputs = new Map(this.next.outputs);
    const text = (outputs.get(output.toolCallId) ?? '') + output.text;
    outputs.set(output.toolCallId, text.length > outputTail ? text.slice(-outputTail) : text);
    this.change({ ...this.next, outputs });
  }

  /** A logged event: what it records no longer streams. */
  activity(event: ActivityEvent): void {
    switch (event.kind) {
      case 'model.text':
        if (this.next.text) this.change({ ...this.next, text: '' });
        break;
      case 'model.reasoning':
        if (this.next.reasoning) this.change({ ...this.next, reasoning: '' });
        break;
      case 'tool.result':
        if (this.next.outputs.has(event.data.toolCallId)) {
          const outputs = new Map(this.next.outputs);
          outputs.delete(event.data.toolCallId);
          this.change({ ...this.next, outputs });
        }
        break;
      case 'turn.finished':
        this.reset();
        break;
      default:
        break;
    }
  }

  /** Forgets everything (after a reconnect the log is loaded again). */
  reset(): void {
    this.change({ ...empty, turn: this.next.turn });
  }

  private change(next: LiveSnapshot): void {
    this.next = next;
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      if (this.current === this.next) return;
      this.current = this.next;
      for (const listener of this.listeners) listener();
    });
  }
}

const streams = new Map<string, LiveStream>();

/** The live stream of a session, made on first use. */
export function liveStreamFor(sessionId: string): LiveStream {
  let stream = streams.get(sessionId);
  if (!stream) {
    stream = new LiveStream();
    streams.set(sessionId, stream);
  }
  return stream;
}
