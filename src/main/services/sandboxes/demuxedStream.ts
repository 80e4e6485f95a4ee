import { Duplex } from 'node:stream';

/** Docker's multiplexed frame header: stream type (1 byte), 3 bytes padding, payload length (u32 BE). */
const headerBytes = 8;

/**
 * The hijacked connection of an exec without a TTY, as one Duplex: writes go to the process's
 * stdin, reads yield its stdout and stderr interleaved in arrival order (frames are unwrapped;
 * the engine copies the two separately, so their relative order is only approximate).
 * Reading pauses the connection when the consumer lags, so a slow reader holds the process back
 * instead of filling memory.
 */
export class DemuxedStream extends Duplex {
  private pending: Buffer = Buffer.alloc(0);

  /**
   * With `stderr`, stderr frames go there instead, so stdout stays byte-exact (git's pack
   * protocol); the sink is not flow-controlled (stderr carries a few lines of messages).
   */
  constructor(
    private readonly connection: Duplex,
    private readonly stderr?: (chunk: Buffer) => void,
  ) {
    super();
    connection.on('data', (chunk: Buffer) => this.receive(chunk));
    connection.on('end', () => this.push(null));
    connection.on('error', (error) => this.destroy(error));
    connection.on('close', () => {
      if (!this.readableEnded) this.push(null);
    });
  }

  override _read(): void {
    this.connection.resume();
  }

  override _write(
    chunk: Buffer,
    encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.connection.write(chunk, encoding, callback);
  }

  /** Ending our side closes the process's stdin; its output keeps flowing until it exits. */
  override _final(callback: (error?: Error | null) => void): void {
    this.connection.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.connection.destroy();
    callback(error);
  }

  private receive(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let wantsMore = true;
    while (this.pending.length >= headerBytes) {
      const header = this.pending[0];
      const length = this.pending.readUInt32BE(4);
      if (this.pending.length < headerBytes + length) break;
      const payload = this.pending.subarray(headerBytes, headerBytes + length);
      this.pending = this.pending.subarray(headerBytes + length);
      if (payload.length === 0) continue;
      if (this.stderr && header === 2) this.stderr(Buffer.from(payload));
      else wantsMore = this.push(payload) && wantsMore;
    }
    if (!wantsMore) this.connection.pause();
  }
}
