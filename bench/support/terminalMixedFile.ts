import tar from 'tar-stream';
import { docker } from './rawDocker';
import { seededRandom } from './seededRandom';

/**
 * A deterministic file of what terminals really print: plain ASCII lines, lines coloured with
 * SGR codes (16 colours, bold, 256 colours, true colour) and lines with wide characters (CJK,
 * emoji). Lines stay under 100 columns so wrapping does not dominate. The same seed gives the
 * same bytes on every machine, so runs and branches compare.
 */
export interface MixedFile {
  bytes: Buffer;
  /** Lines of each kind, for the report. */
  lines: Record<LineKind, number>;
}

type LineKind = 'ascii' | 'sgr16' | 'sgr256' | 'truecolor' | 'cjk' | 'emoji';

const esc = '\x1b[';
const reset = `${esc}0m`;

export function mixedFile(targetBytes: number, seed = 10): MixedFile {
  const next = seededRandom(seed);
  const int = (n: number): number => Math.floor(next() * n);
  const word = (): string => {
    let w = '';
    for (let i = 3 + int(7); i > 0; i -= 1) w += String.fromCharCode(97 + int(26));
    return w;
  };
  // About `width` columns of words (plain text between codes).
  const words = (width: number): string => {
    let s = '';
    while (s.length < width) s += `${word()} `;
    return s.slice(0, width);
  };
  const cjk = (): string => String.fromCodePoint(0x4e00 + int(0x9fa5 - 0x4e00));
  // U+1F300–U+1F5FF and U+1F600–U+1F64F: two columns each under Unicode 11.
  const emoji = (): string =>
    String.fromCodePoint(next() < 0.5 ? 0x1f300 + int(0x100) : 0x1f600 + int(0x50));
  const kinds: [LineKind, number, () => string][] = [
    ['ascii', 0.4, () => words(20 + int(78))],
    [
      'sgr16',
      0.2,
      () => {
        let s = '';
        for (let i = 1 + int(5); i > 0; i -= 1) {
          const bold = next() < 0.3 ? '1;' : '';
          s += `${esc}${bold}${30 + int(8)}m${words(4 + int(12))}${reset} `;
        }
        return s;
      },
    ],
    [
      'sgr256',
      0.15,
      () => {
        let s = '';
        for (let i = 1 + int(5); i > 0; i -= 1) {
          s += `${esc}38;5;${int(256)}m${esc}48;5;${int(256)}m${words(4 + int(12))}${reset} `;
        }
        return s;
      },
    ],
    [
      'truecolor',
      0.05,
      () => `${esc}38;2;${int(256)};${int(256)};${int(256)}m${words(20 + int(60))}${reset}`,
    ],
    [
      'cjk',
      0.1,
      () => {
        let s = `${word()} `;
        for (let i = 5 + int(35); i > 0; i -= 1) s += next() < 0.85 ? cjk() : ' ';
        return s;
      },
    ],
    [
      'emoji',
      0.1,
      () => {
        let s = '';
        for (let i = 3 + int(12); i > 0; i -= 1) s += `${word()} ${emoji()} `;
        return s.slice(0, 80);
      },
    ],
  ];
  const lines = { ascii: 0, sgr16: 0, sgr256: 0, truecolor: 0, cjk: 0, emoji: 0 };
  const parts: string[] = [];
  let size = 0;
  while (size < targetBytes) {
    let pick = next();
    const [kind, , make] = kinds.find(([, share]) => (pick -= share) < 0) ?? kinds[0]!;
    // `slice` above never cuts an emoji in half: each is two UTF-16 units after a space… except
    // at the very end, so a lone surrogate (it would become U+FFFD) is dropped here.
    const line = `${make().replace(/[\ud800-\udbff]$/, '')}\n`;
    parts.push(line);
    lines[kind] += 1;
    size += Buffer.byteLength(line);
  }
  return { bytes: Buffer.from(parts.join(''), 'utf8'), lines };
}

/** Puts `bytes` into the container at `/tmp/<name>` (mode 0644) through the Docker API. */
export async function putFile(containerId: string, name: string, bytes: Buffer): Promise<void> {
  const pack = tar.pack();
  pack.entry({ name, size: bytes.length, mode: 0o644 }, bytes);
  pack.finalize();
  const archive: Buffer[] = [];
  for await (const chunk of pack) archive.push(chunk as Buffer);
  await docker.getContainer(containerId).putArchive(Buffer.concat(archive), { path: '/tmp' });
}
