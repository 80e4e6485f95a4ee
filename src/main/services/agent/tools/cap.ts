/**
 * Head-and-tail truncation of tool output. Errors of compilers and test runners print at the
 * end, so the tail is kept as well as the head (vibe's head-only cut drops them). The limits are
 * codex's: 10 KiB / 256 lines for what the model sees, 1 MiB for the activity log.
 */
export interface CapLimits {
  maxBytes: number;
  maxLines: number;
}

export const modelCap: CapLimits = { maxBytes: 10 * 1024, maxLines: 256 };
export const logCap: CapLimits = { maxBytes: 1024 * 1024, maxLines: Number.POSITIVE_INFINITY };

export interface CappedText {
  text: string;
  truncated: boolean;
}

/** Room for `[… 123456 lines elided …]` within the byte budget. */
const markerReserve = 48;

const bytesOf = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The first `maxBytes` bytes of `text`, never splitting a character. */
export function headBytes(text: string, maxBytes: number): string {
  const buffer = Buffer.from(text, 'utf8');
  if (buffer.length <= maxBytes) return text;
  let end = maxBytes;
  // Back up over UTF-8 continuation bytes (10xxxxxx) to a character start.
  while (end > 0 && (buffer[end]! & 0xc0) === 0x80) end--;
  return buffer.subarray(0, end).toString('utf8');
}

/** The last `maxBytes` bytes of `text`, never splitting a character. */
function tailBytes(text: string, maxBytes: number): string {
  const buffer = Buffer.from(text, 'utf8');
  if (buffer.length <= maxBytes) return text;
  let start = buffer.length - maxBytes;
  while (start < buffer.length && (buffer[start]! & 0xc0) === 0x80) start++;
  return buffer.subarray(start).toString('utf8');
}

/**
 * Collects text as it streams and keeps its head and its tail within the limits, so memory
 * stays bounded whatever a command prints. The head takes at most half the budget; the tail
 * gets the rest and drops its oldest lines once the whole would not fit. Lines are kept whole,
 * except one longer than the budget allows, which is cut.
 */
export class HeadTailCollector {
  private readonly head: string[] = [];
  private headSize = 0;
  private headClosed = false;
  /** Complete lines (with their `\n`) after the head; `tailStart` is the first one kept. */
  private tail: string[] = [];
  private tailStart = 0;
  private tailSize = 0;
  private current = '';
  private elidedLines = 0;
  private elidedBytes = 0;
  /** A line was cut inside, so the marker counts bytes rather than lines. */
  private cut = false;

  constructor(private readonly limits: CapLimits) {}

  push(text: string): void {
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      this.addLine(this.current + text.slice(start, newline + 1));
      this.current = '';
      start = newline + 1;
    }
    this.current += text.slice(start);
    // A line that never ends (a progress bar, minified JSON) is taken in pieces, so it cannot
    // grow without bound; a piece counts as a line of the budget.
    if (this.current.length > this.limits.maxBytes) {
      this.addLine(this.current);
      this.current = '';
    }
  }

  /** Everything pushed, within the limits, with a marker where the middle was elided. */
  result(): CappedText {
    const all = this.current === '' ? this : this.copy();
    // The unfinished last line belongs to the tail: fit it in like a complete one.
    if (all !== this) all.addLine(this.current);
    const head = all.head.join('');
    const tail = all.tail.slice(all.tailStart).join('');
    if (all.elidedBytes === 0) return { text: head + tail, truncated: false };
    const elided = all.cut
      ? `${all.elidedBytes} bytes`
      : `${all.elidedLines} ${all.elidedLines === 1 ? 'line' : 'lines'}`;
    const sep = head === '' || head.endsWith('\n') ? '' : '\n';
    return { text: `${head}${sep}[… ${elided} elided …]\n${tail}`, truncated: true };
  }

  private copy(): HeadTailCollector {
    const copy = new HeadTailCollector(this.limits);
    copy.head.push(...this.head);
    copy.headSize = this.headSize;
    copy.headClosed = this.headClosed;
    copy.tail = this.tail.slice(this.tailStart);
    copy.tailSize = this.tailSize;
    copy.elidedLines = this.elidedLines;
    copy.elidedBytes = this.elidedBytes;
    copy.cut = this.cut;
    return copy;
  }

  private addLine(line: string): void {
    const size = bytesOf(line);
    const halfBytes = Math.floor(this.limits.maxBytes / 2);
    const halfLines = Math.floor(this.limits.maxLines / 2);
    if (!this.headClosed) {
      if (this.head.length < halfLines && this.headSize + size <= halfBytes) {
        this.head.push(line);
        this.headSize += size;
        return;
      }
      this.headClosed = true;
      if (this.head.length === 0 && halfLines > 0 && size > halfBytes) {
        // A first line bigger than the head's half: its start is worth keeping.
        const start = headBytes(line, halfBytes);
        this.head.push(start);
        this.headSize = bytesOf(start);
        this.cut = true;
        line = line.slice(start.length);
      }
    }
    this.tail.push(line);
    this.tailSize += bytesOf(line);
    this.trimTail();
  }

  private trimTail(): void {
    const maxLines = this.limits.maxLines - this.head.length;
    let kept = this.tail.length - this.tailStart;
    const fits = kept <= maxLines && this.tailSize <= this.limits.maxBytes - this.headSize;
    if (fits && this.elidedBytes === 0) return;
    // Once something goes, the marker line needs its room too.
    const maxBytes = this.limits.maxBytes - this.headSize - markerReserve;
    while (kept > 1 && (kept > maxLines || this.tailSize > maxBytes)) {
      const dropped = this.tail[this.tailStart]!;
      this.tailStart++;
      kept--;
      this.tailSize -= bytesOf(dropped);
      this.elidedLines++;
      this.elidedBytes += bytesOf(dropped);
    }
    if (kept === 1 && this.tailSize > maxBytes) {
      const only = this.tail[this.tailStart]!;
      const end = tailBytes(only, maxBytes);
      this.elidedBytes += bytesOf(only) - bytesOf(end);
      this.cut = true;
      this.tail[this.tailStart] = end;
      this.tailSize = bytesOf(end);
    }
    // Drop the consumed front now and then, so a long stream does not keep every line.
    if (this.tailStart > 1024 && this.tailStart * 2 > this.tail.length) {
      this.tail = this.tail.slice(this.tailStart);
      this.tailStart = 0;
    }
  }
}

/** `text` within `limits`, head and tail kept, with `[… N lines elided …]` in between. */
export function capText(text: string, limits: CapLimits = modelCap): CappedText {
  const collector = new HeadTailCollector(limits);
  collector.push(text);
  return collector.result();
}
