/** git's pkt-line framing: four hex digits of length (including themselves), then the payload. */

/** Splits a buffer of pkt-lines; a flush packet comes out as null. Throws on a torn frame. */
export function* readPktLines(data: Buffer): Generator<Buffer | null> {
  let at = 0;
  while (at < data.length) {
    if (at + 4 > data.length) throw new Error('git sent a torn pkt-line header');
    const length = parseInt(data.subarray(at, at + 4).toString('ascii'), 16);
    if (Number.isNaN(length)) throw new Error('git sent a malformed pkt-line');
    if (length < 4) {
      // 0000 flush, 0001 delimiter, 0002 response end: all separators here.
      yield null;
      at += 4;
      continue;
    }
    if (at + length > data.length) throw new Error('git sent a torn pkt-line');
    yield data.subarray(at + 4, at + length);
    at += length;
  }
}
