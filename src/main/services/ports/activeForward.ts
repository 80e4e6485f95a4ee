import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { listenLoopback, type LoopbackListener } from './loopbackListener';

/** Opens a connection to the forwarded port inside the sandbox. */
export type Dial = () => Promise<Duplex>;

/**
 * A forward while it is up: a loopback listener whose every connection becomes one connection
 * inside the sandbox. A connection the sandbox refuses is closed at once (reset), never left
 * hanging, and the reason is kept for the UI.
 */
export class ActiveForward {
  private readonly sockets = new Set<Socket>();
  private closed = false;
  /** Why the last connection failed, until one succeeds. */
  lastError?: string;

  private listener!: LoopbackListener;

  private constructor(private readonly changed: () => void) {}

  static async open(
    candidates: readonly (number | undefined)[],
    dial: Dial,
    changed: () => void,
  ): Promise<ActiveForward> {
    const forward = new ActiveForward(changed);
    forward.listener = await listenLoopback(candidates, (socket) => forward.accept(socket, dial));
    return forward;
  }

  get localPort(): number {
    return this.listener.port;
  }

  get connections(): number {
    return this.sockets.size;
  }

  /** Stops listening and closes every connection through it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listener.close();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private accept(socket: Socket, dial: Dial): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    this.sockets.add(socket);
    socket.once('close', () => {
      if (this.sockets.delete(socket)) this.changed();
    });
    // Until the sandbox side is open the socket stays paused: its bytes wait in the kernel.
    socket.on('error', () => socket.destroy());
    this.changed();
    dial().then(
      (remote) => this.join(socket, remote),
      (error: Error) => {
        this.lastError = error.message;
        if (!socket.destroyed) socket.resetAndDestroy();
        this.changed();
      },
    );
  }

  private join(socket: Socket, remote: Duplex): void {
    if (socket.destroyed || this.closed) {
      remote.destroy();
      return;
    }
    if (this.lastError !== undefined) {
      this.lastError = undefined;
      this.changed();
    }
    socket.pipe(remote);
    remote.pipe(socket);
    socket.once('close', () => remote.destroy());
    remote.once('error', (error: NodeJS.ErrnoException) => {
      if (socket.destroyed) return;
      if (error.code === 'ECONNRESET') socket.resetAndDestroy();
      else socket.destroy();
    });
  }
}
