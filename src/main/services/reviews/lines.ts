/**
 * A file's lines as the diff numbers them: split on `\n`, a trailing `\r` dropped (CRLF files
 * compare and show like LF ones), and a final newline does not make an extra empty line.
 */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}
