import type { Terminal as Xterm } from '@xterm/xterm';
import type { Terminal, TerminalOutput } from '../../../../shared/contract/terminals';
import { createAckBatcher } from '../../lib/ackBatcher';
import { rpc } from '../../rpc/connection';
import { reportError } from '../../store/sync';
import { ParkedOutput } from './parkedOutput';

export interface OutputPipeline {
  /** Loads the host's scrollback into the xterm and continues with live output after it. */
  attach(): Promise<void>;
  /** Shown tabs write output into xterm; hidden ones park it (see ParkedOutput). */
  setVisible(visible: boolean): void;
  dispose(): void;
}

/**
 * Terminal output from the host into one xterm (ARCHITECTURE.md §4). Chunks arriving while a
 * snapshot is loading wait; chunks the snapshot already holds (seq ≤ its seq) are dropped; every
 * character xterm has written is acknowledged so the host keeps sending.
 */
export function connectOutput(
  id: string,
  xterm: Xterm,
  onSnapshot: (terminal: Terminal) => void,
): OutputPipeline {
  const client = rpc();
  let seq: number | null = null;
  // Non-null while attaching: output that arrived before the snapshot.
  let early: TerminalOutput[] | null = [];
  let attempt = 0;
  // Acks for writes made before the host reset its flow-control window are stale: skip them.
  let generation = 0;
  let disposed = false;
  const acks = createAckBatcher((chars) => {
    client.api.terminals.ack({ id, chars }).catch(() => {
      // Lost with the connection; attach resets the window on the host anyway.
    });
  });

  let visible = true;
  const parked = new ParkedOutput((chars) => acks.add(chars));

  const write = (output: TerminalOutput): void => {
    if (seq !== null && output.seq <= seq) return;
    seq = output.seq;
    if (!visible) {
      parked.park(output.data);
      return;
    }
    const chars = output.data.length;
    const writtenIn = generation;
    xterm.write(output.data, () => {
      if (!disposed && writtenIn === generation) acks.add(chars);
    });
  };

  const stop = client.on(
    'terminals.output',
    (output) => {
      if (output.id !== id) return;
      if (early) early.push(output);
      else write(output);
    },
    id,
  );

  return {
    async attach() {
      const mine = ++attempt;
      early ??= [];
      try {
        const snapshot = await client.api.terminals.attach({ id });
        if (disposed || mine !== attempt) return;
        generation += 1;
        acks.reset();
        // Output parked while hidden is not in xterm yet: the snapshot has it.
        if (!parked.empty) seq = null;
        parked.clear();
        if (seq !== snapshot.seq) {
          // Something was missed (or this is the first attach): start from the host's copy.
          xterm.reset();
          xterm.write(snapshot.data);
          seq = snapshot.seq;
        }
        onSnapshot(snapshot.terminal);
      } catch (error) {
        if (disposed || mine !== attempt) return;
        reportError(error);
      }
      const waiting = early ?? [];
      early = null;
      for (const output of waiting) write(output);
    },
    setVisible(next) {
      if (next === visible) return;
      visible = next;
      if (!visible) return;
      const kept = parked.take();
      if (kept === 'stale') {
        // More came while hidden than the tab keeps: the host's snapshot has the tail.
        seq = null;
        void this.attach();
      } else {
        for (const data of kept) xterm.write(data);
      }
    },
    dispose() {
      disposed = true;
      stop();
      parked.clear();
      acks.flush();
    },
  };
}
