import { Duplex } from 'node:stream';

/**
 * What the helper says first (resources/pty/berth-pty.py), before any terminal output: BRT1
 * for a new shell, BRTR for the shell of a helper left detached by a lost link, taken over.
 */
const hello = { started: Buffer.from('BRT1'), resumed: Buffer.from('BRTR') };
const helloLength = 4;

const FrameType = { input: 1, size: 2, credit: 3 } as const;

function frame(type: number, payload: Buffer): Buffer {
  const header = Buffer.allocUnsafe(5);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(payload.length, 1);
  return Buffer.concat([header, payload]);
}

/**
 * The terminal of one shell run by Berth's pty helper, as one Duplex: reading yields the
 * terminal's output, writing sends keystrokes. The helper starts with `window` bytes of credit
 * and sends output only against credit, which `grant` gives back as windows take it (see
 * CreditFlow): a program that floods the terminal then blocks inside the sandbox, where Ctrl-C
 * also throws its queued output away, instead of filling the engine's pipes.
 */
export class PtyHelperStream extends Duplex {
  private greeted = false;
  /** The helper took over the terminal's earlier shell (known once `ready` settles). */
  resumed = false;
  private head = Buffer.alloc(0);
  /** Credit given back but not yet sent to the helper. */
  private owed = 0;
  /** Settles once the helper has said hello; rejects with what came instead. */
  readonly ready: Promise<void>;
  private settle!: { resolve(): void; reject(error: Error): void };

  constructor(
    private readonly inner: Duplex,
    private readonly window: number,
  ) {
    super({ allowHalfOpen: false });
    this.ready = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.ready.catch(() => {});
    inner.on('data', (chunk: Buffer) => this.receive(chunk));
    inner.on('end', () => {
      if (!this.greeted) this.fail();
      this.push(null);
    });
    inner.on('close', () => {
      if (!this.greeted) this.fail();
      if (!this.destroyed) this.destroy();
    });
    inner.on('error', (error) => this.destroy(error));
  }

  /** Tells the terminal its size (the shell sees SIGWINCH). */
  resize(cols: number, rows: number): void {
    const payload = Buffer.allocUnsafe(4);
    payload.writeUInt16BE(cols, 0);
    payload.writeUInt16BE(rows, 2);
    this.inner.write(frame(FrameType.size, payload));
  }

  override _read(): void {
    // Output arrives as the helper sends it; credit, not reading, holds it back.
  }

  override _write(
    chunk: Buffer | string,
    encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    const data = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    this.inner.write(frame(FrameType.input, data), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.inner.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner.destroy();
    callback(error);
  }

  private receive(chunk: Buffer): void {
    if (!this.greeted) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < helloLength) return;
      const said = this.head.subarray(0, helloLength);
      if (!said.equals(hello.started) && !said.equals(hello.resumed)) {
        this.fail();
        return;
      }
      this.greeted = true;
      this.resumed = said.equals(hello.resumed);
      this.settle.resolve();
      chunk = this.head.subarray(helloLength);
      this.head = Buffer.alloc(0);
      if (chunk.length === 0) return;
    }
    this.push(chunk);
  }

  /**
   * Lets the helper send `bytes` more (their output has been taken). Small grants are gathered:
   * one frame per eighth of the window at most.
   */
  grant(bytes: number): void {
    this.owed += bytes;
    if (this.owed < this.window / 8 || this.inner.destroyed) return;
    const payload = Buffer.allocUnsafe(4);
    payload.writeUInt32BE(this.owed, 0);
    this.owed = 0;
    this.inner.write(frame(FrameType.credit, payload));
  }

  private fail(): void {
    if (this.greeted) return;
    const said = this.head.toString('utf8').trim();
    this.settle.reject(new Error(said || 'The terminal helper ended before it started.'));
  }
}
