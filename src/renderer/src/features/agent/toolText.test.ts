import { describe, expect, it } from 'vitest';
import {
  diffLines,
  formatBytes,
  formatDuration,
  headLines,
  readTitle,
  tailLines,
  toolLabel,
  toolSubject,
} from './toolText';

describe('tool texts', () => {
  it('says what a call is about, from its result when there is one', () => {
    expect(toolSubject('run_command', { command: 'npm test' })).toBe('npm test');
    expect(toolSubject('read_file', { path: 'src/a.ts' })).toBe('src/a.ts');
    expect(toolSubject('search', { pattern: 'TODO' })).toBe('TODO');
    expect(toolSubject('list_files', {})).toBe('.');
    expect(toolSubject('run_command', 'not an object')).toBe('');
    expect(
      toolSubject(
        'edit',
        { path: 'x' },
        { type: 'edit', path: 'src/x.ts', diff: '', created: false },
      ),
    ).toBe('src/x.ts');
  });

  it('names tool rows for screen readers and tests', () => {
    expect(toolLabel('run_command', 'npm test')).toBe('run_command: npm test');
    expect(toolLabel('run_command', 'echo a\necho b')).toBe('run_command: echo a …');
    expect(toolLabel('finish', '')).toBe('finish');
  });

  it('titles a read with its lines', () => {
    expect(readTitle('a.ts')).toBe('Read a.ts');
    expect(
      readTitle('a.ts', {
        type: 'read',
        path: 'a.ts',
        startLine: 1,
        endLine: 40,
        totalLines: 90,
        content: '',
      }),
    ).toBe('Read a.ts (lines 1–40)');
  });

  it('classifies diff lines', () => {
    const diff = '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n keep\n-old\n+new\n';
    expect(diffLines(diff).map((l) => l.kind)).toEqual([
      'meta',
      'meta',
      'hunk',
      'context',
      'del',
      'add',
    ]);
  });

  it('clips text to its first or last lines', () => {
    const text = 'a\nb\nc\nd\n';
    expect(headLines(text, 2)).toEqual({ head: 'a\nb', more: 2 });
    expect(headLines(text, 6)).toEqual({ head: 'a\nb\nc\nd', more: 0 });
    expect(tailLines(text, 2)).toBe('c\nd');
  });

  it('formats durations and sizes', () => {
    expect(formatDuration(30)).toBe('30 ms');
    expect(formatDuration(4200)).toBe('4.2 s');
    expect(formatDuration(12_300)).toBe('12 s');
    expect(formatDuration(123_000)).toBe('2 min 3 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(300 * 1024)).toBe('300 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MiB');
  });
});
