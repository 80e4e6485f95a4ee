import type { ImageBuildProgress } from './sandboxRuntime';

/** One JSON object of the classic builder's output stream. */
interface BuildMessage {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  raw?: string;
}

export interface ParsedBuildMessage {
  progress: ImageBuildProgress[];
  /** Set when the engine reported the build failed. */
  error?: string;
}

const stepPattern = /^Step (\d+)\/(\d+) :/;

/**
 * Splits one object of the build stream into progress lines. `Step N/M` starts step N of M, so
 * (N-1)/M of the work is done; the caller reports 1 when the image exists.
 */
export function parseBuildMessage(raw: unknown): ParsedBuildMessage {
  const message = (
    typeof raw === 'object' && raw !== null ? raw : { raw: String(raw) }
  ) as BuildMessage;
  const error = message.errorDetail?.message ?? message.error;
  if (error !== undefined) return { progress: [{ line: error.trimEnd() }], error: error.trim() };
  const text = message.stream ?? message.status ?? message.raw ?? '';
  const progress: ImageBuildProgress[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trimEnd();
    if (trimmed === '') continue;
    const step = stepPattern.exec(trimmed);
    const entry: ImageBuildProgress = { line: trimmed };
    if (step) {
      const [n, m] = [Number(step[1]), Number(step[2])];
      if (m > 0) entry.fraction = (n - 1) / m;
    }
    progress.push(entry);
  }
  return { progress };
}
