import type { ToolDetail } from '../../../../shared/contract/agent';

/** A field of a tool's input, when the model gave it as a string or a number. */
export function inputField(input: unknown, ...names: string[]): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  for (const name of names) {
    const value = (input as Record<string, unknown>)[name];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

/**
 * What a tool call is about, in one line: the command, the file, the pattern. The result's
 * detail wins over the input (it is what actually ran).
 */
export function toolSubject(tool: string, input: unknown, detail?: ToolDetail): string {
  switch (detail?.type) {
    case 'command':
      return detail.command;
    case 'read':
    case 'edit':
      return detail.path;
    case 'search':
    case 'list':
      return detail.pattern;
    default:
      break;
  }
  switch (tool) {
    case 'run_command':
      return inputField(input, 'command', 'cmd') ?? '';
    case 'read_file':
    case 'edit':
    case 'write_file':
      return inputField(input, 'path', 'file') ?? '';
    case 'search':
      return inputField(input, 'pattern', 'query', 'regex') ?? '';
    case 'list_files':
      return inputField(input, 'pattern', 'glob', 'path') ?? '.';
    default:
      return '';
  }
}

/** The accessible name of a tool row: `run_command: npm test`. */
export function toolLabel(tool: string, subject: string): string {
  return subject ? `${tool}: ${firstLine(subject)}` : tool;
}

export function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length < text.length ? `${line} …` : line;
}

/** `Read src/app.ts (lines 1–40)`, or without lines when the result has not come yet. */
export function readTitle(path: string, detail?: ToolDetail): string {
  if (detail?.type !== 'read') return `Read ${path}`;
  return `Read ${path} (lines ${detail.startLine}–${detail.endLine})`;
}

/** 30 → `30 ms`, 4_200 → `4.2 s`, 12_300 → `12 s`, 123_000 → `2 min 3 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.floor(ms / 60_000);
  const rest = Math.round((ms % 60_000) / 1000);
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

/** 2048 → `2 KiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
}

export type DiffLineKind = 'add' | 'del' | 'hunk' | 'meta' | 'context';

/** The lines of a unified diff with what each is, for colouring. */
export function diffLines(diff: string): { kind: DiffLineKind; text: string }[] {
  const lines = diff.replace(/\n$/, '').split('\n');
  return lines.map((text) => ({ kind: diffKind(text), text }));
}

function diffKind(line: string): DiffLineKind {
  if (line.startsWith('+++') || line.startsWith('---')) return 'meta';
  if (line.startsWith('diff ') || line.startsWith('index ') || line.startsWith('\\')) return 'meta';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return 'context';
}

/** The first `max` lines and how many more there are. */
export function headLines(text: string, max: number): { head: string; more: number } {
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines.length <= max) return { head: lines.join('\n'), more: 0 };
  return { head: lines.slice(0, max).join('\n'), more: lines.length - max };
}

/** The last `max` lines: what a running command printed last. */
export function tailLines(text: string, max: number): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return lines.slice(-max).join('\n');
}
