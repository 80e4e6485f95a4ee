import { Duplex } from 'node:stream';
import { FrameType, maxPayload, windowPayload, type FrameKind } from './frames';

/** What a stream needs from the relay connection it rides on. */
export interface StreamLink {
  /** Writes a frame; false when the pipe is full (wait for `whenWritable`). */
  send(type: FrameKind, stream: number, payload?: Buffer): boolean;
  whenWritable(callback: () => void): void;
  /** The stream is finished on this side; forget it. */
  forget(stream: number): void;
}

export class StreamResetError extends Error {
  readonly code = 'ECONNRESET';
  constructor(message = 'The connection was reset inside the sandbox.') {
    super(message);
    this.name = 'StreamResetError';
  }
}

/**
 * One TCP connection inside the sandbox, carried over the relay's pipe. Writes stop at the
 * peer's credit (`window` bytes unacknowledged); credit goes back as the reader takes data, so
 * a reader that stops holds the sandbox's server back, not our memory.
 * Half-close works both ways: `end()` sends FIN and reading goes on until the peer's FIN.
 */
export class MuxStream extends Duplex {
  private credit: number;
  private waiting?: { chunk: Buffer; callback: (error?: Error | null) => void };
  private delivered = 0;
  private granted = 0;
  private finSent = false;
  private finReceived = false;
  private resetReceived = false;

  constructor(
    private readonly link: StreamLink,
    readonly id: number,
    private readonly window: number,
  ) {
    super({ allowHalfOpen: true, readableHighWaterMark: 64 * 1024 });
    this.credit = window;
  }

  /** DATA from the sandbox. */
  receive(chunk: Buffer): void {
    if (this.destroyed || this.finReceived) return;
    this.push(chunk);
  }

  /** WINDOW from the sandbox: it took that many more bytes. */
  grant(bytes: number): void {
    this.credit += bytes;
    this.pump();
  }

  /** FIN from the sandbox: the server will send no more. */
  remoteEnd(): void {
    if (this.finReceived) return;
    this.finReceived = true;
    this.push(null);
  }

  /** RST from the sandbox, or the relay is gone. */
  abort(error: Error): void {
    this.resetReceived = true;
    this.destroy(error);
  }

  override _read(): void {
    // Credit goes back as data is handed to the reader (see `emit`), not when asked for more.
  }

  /**
   * Every chunk handed to the reader passes through a 'data' event, in flowing and paused mode
   * alike: the exact point where the bytes have left this stream, so their credit goes back.
   */
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'data') this.consumed((args[0] as Buffer).length);
    return super.emit(event, ...args);
  }

  private consumed(bytes: number): void {
    this.delivered += bytes;
    if (this.finReceived || this.delivered - this.granted < this.window / 4) return;
    this.link.send(FrameType.window, this.id, windowPayload(this.delivered - this.granted));
    this.granted = this.delivered;
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.waiting = { chunk, callback };
    this.pump();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.finSent = true;
    this.link.send(FrameType.fin, this.id);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const clean = this.finSent && this.finReceived;
    if (!clean && !this.resetReceived) this.link.send(FrameType.rst, this.id);
    this.link.forget(this.id);
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.callback(error ?? new StreamResetError('The connection closed.'));
    callback(error);
  }

  private pump(): void {
    const waiting = this.waiting;
    if (!waiting || this.destroyed) return;
    let rest = waiting.chunk;
    let writable = true;
    while (rest.length > 0 && this.credit > 0) {
      const n = Math.min(rest.length, this.credit, maxPayload);
      writable = this.link.send(FrameType.data, this.id, rest.subarray(0, n));
      this.credit -= n;
      rest = rest.subarray(n);
    }
    if (rest.length > 0) {
      waiting.chunk = rest;
      return;
    }
    this.waiting = undefined;
    if (writable) waiting.callback();
    else this.link.whenWritable(() => waiting.callback());
  }
}
