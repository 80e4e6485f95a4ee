import { describe, expect, it } from 'vitest';
import { FrameReader, FrameType, encodeFrame, maxPayload, type FrameKind } from './frames';
import { MuxStream, StreamResetError, type StreamLink } from './muxStream';

function fakeLink() {
  const sent: { type: FrameKind; stream: number; payload?: Buffer }[] = [];
  const forgotten: number[] = [];
  const link: StreamLink = {
    send: (type, stream, payload) => {
      sent.push({ type, stream, ...(payload ? { payload: Buffer.from(payload) } : {}) });
      return true;
    },
    whenWritable: (callback) => callback(),
    forget: (stream) => forgotten.push(stream),
  };
  const of = (type: FrameKind) => sent.filter((f) => f.type === type);
  const bytes = (type: FrameKind) => of(type).reduce((n, f) => n + (f.payload?.length ?? 0), 0);
  return { link, sent, forgotten, of, bytes };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('frames', () => {
  it('survive being cut anywhere', () => {
    const wire = Buffer.concat([
      ...encodeFrame(FrameType.data, 3, Buffer.from('hello')),
      ...encodeFrame(FrameType.fin, 3),
      ...encodeFrame(FrameType.data, 5, Buffer.alloc(70_000, 1)),
    ]);
    for (const cut of [1, 4, 9, 13, 14, 20, 70_000]) {
      const reader = new FrameReader();
      const frames = [...reader.push(wire.subarray(0, cut)), ...reader.push(wire.subarray(cut))];
      expect(frames.map((f) => [f.type, f.stream, f.payload.length])).toEqual([
        [FrameType.data, 3, 5],
        [FrameType.fin, 3, 0],
        [FrameType.data, 5, 70_000],
      ]);
    }
    const reader = new FrameReader();
    const bytewise = [...wire].flatMap((b) => reader.push(Buffer.from([b])));
    expect(bytewise).toHaveLength(3);
    expect(bytewise[0]!.payload.toString()).toBe('hello');
  });
});

describe('a multiplexed stream', () => {
  it('sends no more than its credit and waits for the peer to grant more', async () => {
    const { link, bytes } = fakeLink();
    const stream = new MuxStream(link, 1, 100_000);
    let written = false;
    stream.write(Buffer.alloc(250_000), () => (written = true));
    await tick();
    expect(bytes(FrameType.data)).toBe(100_000);
    expect(written).toBe(false);
    stream.grant(100_000);
    expect(bytes(FrameType.data)).toBe(200_000);
    stream.grant(100_000);
    await tick();
    expect(bytes(FrameType.data)).toBe(250_000);
    expect(written).toBe(true);
  });

  it('splits large writes into frames of at most 256 KiB', async () => {
    const { link, of } = fakeLink();
    const stream = new MuxStream(link, 1, 4 << 20);
    stream.write(Buffer.alloc(600_000));
    await tick();
    expect(of(FrameType.data).map((f) => f.payload!.length)).toEqual([
      maxPayload,
      maxPayload,
      600_000 - 2 * maxPayload,
    ]);
  });

  it('grants credit back only as its reader consumes', async () => {
    const { link, of } = fakeLink();
    const stream = new MuxStream(link, 1, 1000);
    stream.pause();
    stream.receive(Buffer.alloc(600));
    stream.receive(Buffer.alloc(400));
    await tick();
    // Nothing read yet: no credit back, so the sandbox's server is held back.
    expect(of(FrameType.window)).toEqual([]);
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.resume();
    await tick();
    const granted = of(FrameType.window).reduce((n, f) => n + f.payload!.readUInt32BE(0), 0);
    expect(granted).toBe(1000);
    expect(Buffer.concat(chunks).length).toBe(1000);
  });

  it('half-closes: our FIN still lets data arrive until theirs', async () => {
    const { link, of, forgotten } = fakeLink();
    const stream = new MuxStream(link, 7, 1000);
    const got: string[] = [];
    stream.on('data', (chunk: Buffer) => got.push(chunk.toString()));
    stream.end('request');
    await tick();
    expect(of(FrameType.fin)).toHaveLength(1);
    stream.receive(Buffer.from('reply'));
    stream.remoteEnd();
    await new Promise((resolve) => stream.on('close', resolve));
    expect(got.join('')).toBe('reply');
    // A clean close on both sides sends no reset.
    expect(of(FrameType.rst)).toEqual([]);
    expect(forgotten).toEqual([7]);
  });

  it('resets the peer when destroyed early, and errors on a reset from it', async () => {
    const first = fakeLink();
    new MuxStream(first.link, 1, 1000).destroy();
    expect(first.of(FrameType.rst)).toHaveLength(1);

    const second = fakeLink();
    const stream = new MuxStream(second.link, 3, 1000);
    const failed = new Promise<Error>((resolve) => stream.on('error', resolve));
    stream.abort(new StreamResetError());
    expect(await failed).toMatchObject({ code: 'ECONNRESET' });
    expect(second.of(FrameType.rst)).toEqual([]);
  });
});
