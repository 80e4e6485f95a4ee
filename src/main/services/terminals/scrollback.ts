/**
 * 256 K characters is a few thousand lines of a typical build log: enough to see what happened
 * after a reload, small enough to save every 2 s and to send in one attach.
 */
export const scrollbackLimit = 256 * 1024;

/** Appends may overshoot the limit by this much before the text is cut, so cutting is rare. */
const slack = 32 * 1024;
/** How far past the cut a line start is looked for; longer lines are cut mid-line. */
const lineSearch = 4096;
/** Escape sequences (colours, cursor moves, short OSC titles) are far shorter than this. */
const maxEscape = 64;

/**
 * The host's bounded copy of a terminal's output, and the sequence number of the last chunk in
 * it, so a window that attaches can tell which later output events it already has.
 */
export class Scrollback {
  private data: string;
  private lastSeq = 0;

  constructor(
    initial = '',
    private readonly limit = scrollbackLimit,
  ) {
    this.data = tail(initial, limit);
  }

  /** Adds a chunk of output and returns its sequence number. */
  append(chunk: string): number {
    this.data += chunk;
    if (this.data.length > this.limit + slack) this.data = tail(this.data, this.limit);
    return ++this.lastSeq;
  }

  get text(): string {
    if (this.data.length > this.limit) this.data = tail(this.data, this.limit);
    return this.data;
  }

  /** Sequence number of the last chunk in `text` (0 before any output). */
  get seq(): number {
    return this.lastSeq;
  }
}

/**
 * The last `limit` characters of `text`, starting at a line when one starts close to the cut,
 * otherwise never inside a surrogate pair or a half-kept escape sequence.
 */
export function tail(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let start = text.length - limit;
  const newline = text.indexOf('\n', start);
  if (newline !== -1 && newline - start < lineSearch) return text.slice(newline + 1);
  start = escapeStart(text, start);
  const code = text.charCodeAt(start);
  if (code >= 0xdc00 && code <= 0xdfff) start -= 1;
  return text.slice(start);
}

/** Moves a cut back to the ESC of a sequence the cut would split, so it is kept whole. */
function escapeStart(text: string, cut: number): number {
  const esc = text.lastIndexOf('\x1b', cut - 1);
  if (esc === -1 || cut - esc > maxEscape) return cut;
  const body = text.slice(esc + 1, cut);
  if (body === '') return esc;
  // CSI ends with a byte in @..~; OSC with BEL or ESC \ (whose ESC lastIndexOf would have found).
  if (body[0] === '[') return /[\x40-\x7e]/.test(body.slice(1)) ? cut : esc;
  if (body[0] === ']') return body.includes('\x07') ? cut : esc;
  return cut;
}
