import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../../paths';

const sources = new Map<string, string>();

/**
 * The source of a helper Berth runs inside sandboxes with their `python3` (under `resources/`:
 * `relay/berth-relay.py`, `pty/berth-pty.py`), read once. Helpers run from the exec's
 * arguments (`python3 -c`), so nothing is written into the sandbox.
 */
export function helperSource(path: string): string {
  let source = sources.get(path);
  if (source === undefined) {
    source = readFileSync(join(resourcesDir(), path), 'utf8');
    sources.set(path, source);
  }
  return source;
}
