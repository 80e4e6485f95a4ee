import type { ExecProcess } from '../../sandboxes/sandboxRuntime';
import type { ListenReport } from '../procNet';
import { FrameReader, FrameType, encodeFrame, type Frame, type FrameKind } from './frames';
import { MuxStream, StreamResetError } from './muxStream';

export interface RelayOptions {
  /** Credit per stream and direction. */
  windowBytes: number;
  pingMs: number;
  /** The relay is taken as lost after this long without a frame from it. */
  deadMs: number;
  /** How long an `open` waits for the relay's answer (it gives up dialling after 10 s). */
  openTimeoutMs: number;
  /** The relay exits after this long without a frame from the workbench (pings included). */
  idleSeconds: number;
}

export const defaultRelayOptions: RelayOptions = {
  windowBytes: 1 << 20,
  pingMs: 5_000,
  deadMs: 15_000,
  openTimeoutMs: 12_000,
  idleSeconds: 20,
};

/** Why a connection into the sandbox could not be made: `ECONNREFUSED`, `ETIMEDOUT`, … */
export class DialError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DialError';
  }
}

export interface RelayHandlers {
  onPorts(report: ListenReport): void;
  /** The relay ended: its process exited, the pipe broke, or it stopped answering pings. */
  onClose(error?: Error): void;
}

interface Opening {
  stream: MuxStream;
  resolve(stream: MuxStream): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The workbench's end of one relay process in a sandbox: every TCP connection into the sandbox
 * is a stream multiplexed over this one exec pipe, and the relay's port reports arrive on it.
 */
export class RelayClient {
  private readonly reader = new FrameReader();
  private readonly streams = new Map<number, MuxStream>();
  private readonly opening = new Map<number, Opening>();
  private readonly drainWaiters: (() => void)[] = [];
  private nextId = 1;
  private lastHeard = Date.now();
  private readonly pinger: NodeJS.Timeout;
  private closed = false;
  private greeted = false;
  private hello?: { resolve(): void; reject(error: Error): void };
  /** Settles when the relay has said hello (it runs), or rejects when it ends before that. */
  readonly ready: Promise<void>;
  private readonly link = {
    send: (type: FrameKind, stream: number, payload?: Buffer) => this.send(type, stream, payload),
    whenWritable: (callback: () => void) => this.whenWritable(callback),
    forget: (stream: number) => this.streams.delete(stream),
  };

  constructor(
    private readonly process: ExecProcess,
    private readonly handlers: RelayHandlers,
    private readonly options: RelayOptions = defaultRelayOptions,
  ) {
    this.ready = new Promise((resolve, reject) => (this.hello = { resolve, reject }));
    this.ready.catch(() => {});
    const pipe = process.stream;
    pipe.on('data', (chunk: Buffer) => this.receive(chunk));
    pipe.on('drain', () => this.drained());
    pipe.on('error', (error) => this.close(error));
    pipe.on('close', () => this.close(new Error('The relay in the sandbox exited.')));
    pipe.on('end', () => this.close(new Error('The relay in the sandbox exited.')));
    this.pinger = setInterval(() => this.ping(), options.pingMs);
    this.pinger.unref();
  }

  /** Connections open through the relay now. */
  get openStreams(): number {
    return this.streams.size;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Opens a TCP connection to `host:port` inside the sandbox. Resolves once it is established;
   * rejects with a DialError (refused, timed out, …) before any byte flows, never hangs.
   */
  open(host: string, port: number): Promise<MuxStream> {
    if (this.closed) return Promise.reject(new DialError('ENOTCONN', 'The relay is not running.'));
    const id = this.nextId;
    this.nextId += 2;
    const stream = new MuxStream(this.link, id, this.options.windowBytes);
    this.streams.set(id, stream);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settleOpen(id, new DialError('ETIMEDOUT', `Connecting to ${host}:${port} timed out.`));
      }, this.options.openTimeoutMs);
      this.opening.set(id, { stream, resolve, reject, timer });
      this.send(FrameType.open, id, Buffer.from(JSON.stringify({ host, port })));
    });
  }

  /** Ends the relay: its stdin closes, so it exits and closes every connection it holds. */
  close(error?: Error): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pinger);
    const reason = error ?? new Error('The relay was closed.');
    for (const id of [...this.opening.keys()]) {
      this.settleOpen(id, new DialError('ENOTCONN', reason.message));
    }
    for (const stream of [...this.streams.values()])
      stream.abort(new StreamResetError(reason.message));
    this.streams.clear();
    this.process.stream.end();
    this.process.stream.destroy();
    for (const waiter of this.drainWaiters.splice(0)) waiter();
    this.hello?.reject(reason);
    this.handlers.onClose(error);
  }

  private send(type: FrameKind, stream: number, payload?: Buffer): boolean {
    if (this.closed) return true;
    let writable = true;
    for (const part of encodeFrame(type, stream, payload)) {
      writable = this.process.stream.write(part);
    }
    return writable;
  }

  private whenWritable(callback: () => void): void {
    if (this.closed || !this.process.stream.writableNeedDrain) callback();
    else this.drainWaiters.push(callback);
  }

  private drained(): void {
    for (const waiter of this.drainWaiters.splice(0)) waiter();
  }

  private ping(): void {
    if (Date.now() - this.lastHeard > this.options.deadMs) {
      this.close(new Error('The relay in the sandbox stopped answering.'));
      return;
    }
    this.send(FrameType.ping, 0, Buffer.alloc(8));
  }

  private receive(chunk: Buffer): void {
    this.lastHeard = Date.now();
    if (!this.greeted && chunk[0] !== FrameType.hello) {
      // Not the relay talking: the engine's or the shell's words on why it could not start.
      this.close(new Error(chunk.toString('utf8', 0, 500).trim()));
      return;
    }
    this.greeted = true;
    let frames: Frame[];
    try {
      frames = this.reader.push(chunk);
    } catch (error) {
      this.close(error as Error);
      return;
    }
    for (const frame of frames) this.handle(frame);
  }

  private handle({ type, stream: id, payload }: Frame): void {
    switch (type) {
      case FrameType.ports:
        this.handlers.onPorts(JSON.parse(payload.toString('utf8')) as ListenReport);
        return;
      case FrameType.opened:
        this.settleOpen(id);
        return;
      case FrameType.refused: {
        const { code, message } = JSON.parse(payload.toString('utf8')) as {
          code: string;
          message: string;
        };
        this.settleOpen(id, new DialError(code, message));
        return;
      }
      case FrameType.hello:
        this.hello?.resolve();
        return;
      case FrameType.pong:
        return;
    }
    const stream = this.streams.get(id);
    if (!stream) return;
    if (type === FrameType.data) stream.receive(payload);
    else if (type === FrameType.window) stream.grant(payload.readUInt32BE(0));
    else if (type === FrameType.fin) stream.remoteEnd();
    else if (type === FrameType.rst) stream.abort(new StreamResetError());
  }

  private settleOpen(id: number, error?: Error): void {
    const opening = this.opening.get(id);
    if (!opening) return;
    this.opening.delete(id);
    clearTimeout(opening.timer);
    if (error) {
      // Destroying sends RST: the relay drops a dial that timed out here (it knows no other).
      opening.stream.destroy();
      opening.reject(error);
    } else {
      opening.resolve(opening.stream);
    }
  }
}
