import { describe, expect, it } from 'vitest';
import { attachmentLimits } from '../../../../shared/contract/agent';
import {
  attachmentRefusal,
  fileKind,
  looksLikeText,
  sendRefusal,
  toBase64,
  toInput,
  type DraftAttachment,
} from './attachments';

const claude = { name: 'claude-x', images: true };
const textOnly = { name: 'qwen-coder', images: false };
const KiB = 1024;

describe('fileKind', () => {
  it('knows images and text by mime type', () => {
    expect(fileKind({ name: 'shot.png', type: 'image/png' })).toBe('image');
    expect(fileKind({ name: 'notes', type: 'text/plain' })).toBe('text');
    expect(fileKind({ name: 'data', type: 'application/json' })).toBe('text');
  });

  it('knows source files by extension or name when the browser gives no type', () => {
    expect(fileKind({ name: 'main.rs', type: '' })).toBe('text');
    expect(fileKind({ name: 'App.TSX', type: '' })).toBe('text');
    expect(fileKind({ name: 'Dockerfile', type: '' })).toBe('text');
    expect(fileKind({ name: '.gitignore', type: '' })).toBe('text');
    // Browsers call .ts files MPEG transport streams.
    expect(fileKind({ name: 'x.ts', type: 'video/mp2t' })).toBe('text');
  });

  it('treats SVG as text and leaves unknown files to a look at their bytes', () => {
    expect(fileKind({ name: 'logo.svg', type: 'image/svg+xml' })).toBe('text');
    expect(fileKind({ name: 'blob.bin', type: 'application/octet-stream' })).toBe('sniff');
  });
});

describe('looksLikeText', () => {
  it('is text without a NUL byte', () => {
    expect(looksLikeText(new TextEncoder().encode('héllo\nworld'))).toBe(true);
    expect(looksLikeText(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]))).toBe(false);
  });
});

describe('attachmentRefusal', () => {
  const file = (name: string, size: number, type = '') => ({ name, size, type });

  it('accepts a file within the limits', () => {
    expect(attachmentRefusal(file('a.ts', 10 * KiB), 'text', [], claude)).toBeNull();
    expect(attachmentRefusal(file('a.png', 1024 * KiB), 'image', [], claude)).toBeNull();
  });

  it('names the model when it cannot take images', () => {
    expect(attachmentRefusal(file('a.png', 10, 'image/png'), 'image', [], textOnly)).toBe(
      'qwen-coder cannot take images; pick a model that can.',
    );
  });

  it('names the file and the limit when a file is too big', () => {
    expect(attachmentRefusal(file('big.log', 300 * KiB), 'text', [], claude)).toBe(
      'big.log is 300 KiB; text files are limited to 256 KiB.',
    );
    expect(attachmentRefusal(file('huge.png', 6 * 1024 * KiB), 'image', [], claude)).toBe(
      'huge.png is 6 MiB; images are limited to 5 MiB.',
    );
  });

  it('stops at ten files and at 12 MiB in all', () => {
    const ten = Array.from({ length: attachmentLimits.files }, () => ({ bytes: 1 }));
    expect(attachmentRefusal(file('11.txt', 1), 'text', ten, claude)).toBe(
      '11.txt was not added: a message takes at most 10 files.',
    );
    const heavy = [{ bytes: 5 * 1024 * KiB }, { bytes: 5 * 1024 * KiB }];
    expect(attachmentRefusal(file('c.png', 3 * 1024 * KiB), 'image', heavy, claude)).toBe(
      'c.png was not added: the files of a message are limited to 12 MiB in all.',
    );
  });
});

describe('sending', () => {
  const image: DraftAttachment = {
    id: '1',
    name: 'a.png',
    mimeType: 'image/png',
    bytes: 3,
    data: 'AAAA',
  };
  const text: DraftAttachment = {
    id: '2',
    name: 'a.md',
    mimeType: 'text/markdown',
    bytes: 2,
    text: 'hi',
  };

  it('refuses images picked before the model changed to one without images', () => {
    expect(sendRefusal([text, image], textOnly)).toMatch(/^qwen-coder cannot take images/);
    expect(sendRefusal([text], textOnly)).toBeNull();
    expect(sendRefusal([image], claude)).toBeNull();
  });

  it('sends only what the contract takes', () => {
    expect(toInput(text)).toEqual({ name: 'a.md', mimeType: 'text/markdown', text: 'hi' });
    expect(toInput(image)).toEqual({ name: 'a.png', mimeType: 'image/png', data: 'AAAA' });
  });

  it('encodes bytes as base64, also past one chunk', () => {
    expect(toBase64(new Uint8Array([104, 105]))).toBe('aGk=');
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    const back = Uint8Array.from(atob(toBase64(big)), (c) => c.charCodeAt(0));
    expect(back).toEqual(big);
  });
});
