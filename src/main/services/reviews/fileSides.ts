import type { FileSide } from '../../../shared/contract';
import { readSections } from './sections';

/** A side larger than this is not sent to the window (4 MiB: a 100k-line source file fits). */
export const sideByteLimit = 4 * 1024 * 1024;

// Git's own test: a NUL byte in the first 8,000 bytes makes a file binary.
const binaryProbeBytes = 8_000;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a file's bytes as the diff shows them: text (UTF-8, else Latin-1) or binary. */
export function decodeSide(bytes: Buffer): FileSide {
  if (bytes.subarray(0, binaryProbeBytes).includes(0)) {
    return { kind: 'binary', bytes: bytes.length };
  }
  try {
    return { kind: 'text', text: utf8.decode(bytes), encoding: 'utf-8', bytes: bytes.length };
  } catch {
    return {
      kind: 'text',
      text: bytes.toString('latin1'),
      encoding: 'latin1',
      bytes: bytes.length,
    };
  }
}

/**
 * Reads the file-sides script's output: a `head` and a `base` section (the commits), then one
 * section per requested side, in order.
 */
export function parseFileSides(out: Buffer): {
  head: string | null;
  mergeBase: string | null;
  sides: FileSide[];
} {
  const sections = readSections(out);
  const text = (i: number) => sections[i]?.body.toString('utf8').trim() ?? '';
  const sides = sections.slice(2).map(({ header, body }): FileSide => {
    const [kind, size] = header.split(':');
    const bytes = Number(size) || body.length;
    switch (kind) {
      case 'file':
        return decodeSide(body);
      case 'tooLarge':
        return { kind: 'tooLarge', bytes, limit: sideByteLimit };
      case 'symlink':
        return { kind: 'symlink', target: body.toString('utf8') };
      case 'submodule':
        return { kind: 'submodule', commit: body.toString('utf8') };
      default:
        return { kind: 'absent' };
    }
  });
  return { head: text(0) || null, mergeBase: text(1) || null, sides };
}
