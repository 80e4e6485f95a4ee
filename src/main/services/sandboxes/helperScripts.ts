import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { resourcesDir } from '../../paths';

const sources = new Map<string, string>();

/**
 * The source of a helper Berth runs inside sandboxes with their `python3` (under `resources/`:
 * `relay/berth-relay.py`, `pty/berth-pty.py`), read once.
 */
function helperSource(path: string): string {
  let source = sources.get(path);
  if (source === undefined) {
    source = readFileSync(join(resourcesDir(), path), 'utf8');
    sources.set(path, source);
  }
  return source;
}

/** Where a helper's source travels: an environment variable the helper removes at once. */
const sourceVariable = 'BERTH_HELPER_SOURCE';

/**
 * The exec command and environment that run a helper with `args`. The source goes in the
 * environment, not the arguments, so `ps` in the sandbox shows one short line, and nothing is
 * written into the sandbox; the helper takes it out before anything inherits it.
 */
export function helperCommand(
  path: string,
  args: string[],
): { cmd: string[]; env: Record<string, string> } {
  return {
    // The comment names the helper in `ps` (berth-relay, berth-pty).
    cmd: [
      'python3',
      '-c',
      `import os; exec(os.environ.pop('${sourceVariable}'))  # ${basename(path, '.py')}`,
      ...args,
    ],
    env: { [sourceVariable]: helperSource(path) },
  };
}
