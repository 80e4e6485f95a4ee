import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildLog } from '../../../shared/contract';

// The default profile's build prints ~2 K lines; 1 MB keeps any realistic build whole while
// bounding a runaway one.
const maxChars = 1_000_000;

/**
 * The sandbox image build output of each session: in memory while the build runs, then saved
 * to `<dataDir>/logs/<session>-build.log` so it is still there after a restart.
 */
export class BuildLogs {
  private readonly live = new Map<string, BuildLog>();

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  begin(sessionId: string): void {
    this.live.set(sessionId, { image: '', text: '', done: false });
  }

  /** Adds output as it came, newlines included. */
  append(sessionId: string, output: string): void {
    const log = this.live.get(sessionId);
    if (!log) return;
    const text = log.text + output;
    log.text = text.length > maxChars ? text.slice(text.length - maxChars) : text;
  }

  finish(sessionId: string, image: string): void {
    const log = this.live.get(sessionId);
    if (!log) return;
    log.image = image;
    log.done = true;
    writeFileSync(this.file(sessionId), JSON.stringify(log));
    this.live.delete(sessionId);
  }

  get(sessionId: string): BuildLog {
    const live = this.live.get(sessionId);
    if (live) return { ...live };
    try {
      return JSON.parse(readFileSync(this.file(sessionId), 'utf8')) as BuildLog;
    } catch {
      return { image: '', text: '', done: true };
    }
  }

  private file(sessionId: string): string {
    return join(this.dir, `${sessionId}-build.json`);
  }
}
