/**
 * Splits text into pieces of at most `max` UTF-16 code units without cutting a surrogate pair,
 * so each piece is valid text on its own. Used for terminal input: the contract takes at most
 * 64 K characters per write, and 32 K pieces keep every message well under it.
 */
export function splitInput(text: string, max = 32_768): string[] {
  if (max < 2) throw new Error('max must be at least 2');
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + max, text.length);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
