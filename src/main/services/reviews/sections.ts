/** One framed section of a review script's output: its header and its bytes. */
export interface Section {
  header: string;
  body: Buffer;
}

/**
 * Splits `<header> <length>\n<bytes>` sections (the review scripts' framing). The header is
 * everything before the last space of its line; a cut-off section is an error, not a guess.
 */
export function readSections(out: Buffer): Section[] {
  const sections: Section[] = [];
  let at = 0;
  while (at < out.length) {
    const newline = out.indexOf(0x0a, at);
    if (newline < 0) throw new Error('a review script section has no header line');
    const line = out.toString('utf8', at, newline);
    const space = line.lastIndexOf(' ');
    const length = Number(line.slice(space + 1));
    if (space < 0 || !Number.isInteger(length) || length < 0) {
      throw new Error(`a review script printed a bad section header: ${line.slice(0, 80)}`);
    }
    const start = newline + 1;
    if (start + length > out.length) throw new Error('a review script section was cut off');
    sections.push({ header: line.slice(0, space), body: out.subarray(start, start + length) });
    at = start + length;
  }
  return sections;
}
