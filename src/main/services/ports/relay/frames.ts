/**
 * The relay's wire format, the same on both ends of the exec pipe (resources/relay/berth-relay.py):
 * type (u8), stream id (u32 BE), payload length (u32 BE), payload.
 */
export const FrameType = {
  /** Workbench → relay: dial `{host, port}` for a new stream. */
  open: 1,
  data: 2,
  /** Credit: the receiver has consumed this many more bytes (u32 BE). */
  window: 3,
  /** Half-close: the sender will send no more data on this stream. */
  fin: 4,
  /** Abort the stream in both directions. */
  rst: 5,
  ping: 6,
  pong: 7,
  /** Relay → workbench, once: `{version, pid, uid}`. */
  hello: 10,
  /** Relay → workbench: the listening sockets, whenever they change. */
  ports: 11,
  /** Relay → workbench: the stream's connection is established. */
  opened: 12,
  /** Relay → workbench: the stream's connection failed, `{code, message}`. */
  refused: 13,
} as const;

export type FrameKind = (typeof FrameType)[keyof typeof FrameType];

export interface Frame {
  type: number;
  stream: number;
  payload: Buffer;
}

export const headerBytes = 9;
/** The most data one frame carries; bigger writes are split. */
export const maxPayload = 256 * 1024;

export function encodeFrame(type: FrameKind, stream: number, payload?: Buffer): Buffer[] {
  const header = Buffer.allocUnsafe(headerBytes);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(stream, 1);
  header.writeUInt32BE(payload?.length ?? 0, 5);
  return payload && payload.length > 0 ? [header, payload] : [header];
}

export function windowPayload(bytes: number): Buffer {
  const payload = Buffer.allocUnsafe(4);
  payload.writeUInt32BE(bytes, 0);
  return payload;
}

/** Cuts a byte stream into frames; chunks may split frames anywhere. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    // Many small pieces (a trickle) are joined, so taking from the front stays cheap.
    if (this.chunks.length > 32) this.chunks = [Buffer.concat(this.chunks)];
    const frames: Frame[] = [];
    for (;;) {
      if (this.buffered < headerBytes) break;
      const head = this.peek(headerBytes);
      const length = head.readUInt32BE(5);
      if (this.buffered < headerBytes + length) break;
      this.take(headerBytes);
      frames.push({
        type: head.readUInt8(0),
        stream: head.readUInt32BE(1),
        payload: length === 0 ? Buffer.alloc(0) : this.take(length),
      });
    }
    return frames;
  }

  /** The first bytes, copied out of as many chunks as they span (never all of them). */
  private peek(bytes: number): Buffer {
    if (this.chunks[0]!.length >= bytes) return this.chunks[0]!.subarray(0, bytes);
    const out = Buffer.allocUnsafe(bytes);
    let filled = 0;
    for (const chunk of this.chunks) {
      filled += chunk.copy(out, filled, 0, Math.min(chunk.length, bytes - filled));
      if (filled === bytes) break;
    }
    return out;
  }

  private take(bytes: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= bytes) {
      const out = first.subarray(0, bytes);
      if (first.length === bytes) this.chunks.shift();
      else this.chunks[0] = first.subarray(bytes);
      this.buffered -= bytes;
      return out;
    }
    const out = Buffer.allocUnsafe(bytes);
    let filled = 0;
    while (filled < bytes) {
      const chunk = this.chunks[0]!;
      const n = Math.min(chunk.length, bytes - filled);
      chunk.copy(out, filled, 0, n);
      filled += n;
      if (n === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(n);
    }
    this.buffered -= bytes;
    return out;
  }
}
