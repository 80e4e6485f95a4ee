import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PtyHelperStream } from './ptyHelperStream';

/** The helper's side of the exec pipe: what it printed, and the frames the workbench sent. */
function helperPipe() {
  const frames: { type: number; payload: Buffer }[] = [];
  let pending = Buffer.alloc(0);
  const inner = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 5 && pending.length >= 5 + pending.readUInt32BE(1)) {
        const length = pending.readUInt32BE(1);
        frames.push({ type: pending[0]!, payload: pending.subarray(5, 5 + length) });
        pending = pending.subarray(5 + length);
      }
      callback();
    },
  });
  const credits = () =>
    frames.filter((f) => f.type === 3).reduce((n, f) => n + f.payload.readUInt32BE(0), 0);
  return { inner, frames, credits };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the pty helper stream', () => {
  it('starts after the hello and passes output on without it', async () => {
    const { inner } = helperPipe();
    const stream = new PtyHelperStream(inner, 1000);
    const output: string[] = [];
    stream.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    inner.push(Buffer.from('BR'));
    inner.push(Buffer.from('T1$ '));
    await stream.ready;
    await tick();
    expect(output.join('')).toBe('$ ');
  });

  it('tells a new shell from one taken over after a lost link', async () => {
    const fresh = helperPipe();
    const started = new PtyHelperStream(fresh.inner, 1000);
    fresh.inner.push(Buffer.from('BRT1'));
    await started.ready;
    expect(started.resumed).toBe(false);

    const taken = helperPipe();
    const resumed = new PtyHelperStream(taken.inner, 1000);
    const output: string[] = [];
    resumed.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    taken.inner.push(Buffer.from('BRTRkept while away'));
    await resumed.ready;
    await tick();
    expect(resumed.resumed).toBe(true);
    expect(output.join('')).toBe('kept while away');
  });

  it('fails with what came instead of the hello (no python3 in the image)', async () => {
    const { inner } = helperPipe();
    const stream = new PtyHelperStream(inner, 1000);
    inner.push(Buffer.from('OCI runtime exec failed: "python3": executable file not found\r\n'));
    inner.push(null);
    await expect(stream.ready).rejects.toThrow(/python3.*not found/);
  });

  it('gives credit back in gathered frames', async () => {
    const { inner, credits } = helperPipe();
    const stream = new PtyHelperStream(inner, 8000);
    inner.push(Buffer.from('BRT1'));
    await stream.ready;
    stream.grant(600);
    await tick();
    // Less than an eighth of the window: kept until there is more.
    expect(credits()).toBe(0);
    stream.grant(500);
    await tick();
    expect(credits()).toBe(1100);
  });

  it('frames keystrokes and sizes for the helper', async () => {
    const { inner, frames } = helperPipe();
    const stream = new PtyHelperStream(inner, 1000);
    inner.push(Buffer.from('BRT1'));
    await stream.ready;
    stream.write('ls\r');
    stream.resize(132, 43);
    await tick();
    expect(frames.map((f) => f.type)).toEqual([1, 2]);
    expect(frames[0]!.payload.toString()).toBe('ls\r');
    expect([frames[1]!.payload.readUInt16BE(0), frames[1]!.payload.readUInt16BE(2)]).toEqual([
      132, 43,
    ]);
  });
});
