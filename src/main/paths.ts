import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder that holds `resources/` (sandbox profiles, icons) and `out/renderer`: the package
 * root. Found by walking up from this module, so it is the same from `src/` under Vitest and from
 * `out/main/` in a build.
 */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'resources', 'profiles'))) return dir;
    dir = resolve(dir, '..');
  }
  throw new Error('Cannot find the Berth resources folder next to the program.');
}

export const resourcesDir = (root = appRoot()): string => join(root, 'resources');
export const rendererDir = (root = appRoot()): string => join(root, 'out', 'renderer');
