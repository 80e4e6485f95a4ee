import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where `berth` keeps its data unless --data-dir says otherwise: the same folder as the Electron
 * app's userData (`<appData>/berth`), so both shells see the same sessions; the data-dir lock
 * keeps them from running on it at once.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'darwin') {
    return join(homedir(), 'Library', 'Application Support', 'berth');
  }
  if (process.platform === 'win32') {
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'berth');
  }
  const xdg = env.XDG_CONFIG_HOME;
  // Electron's appData on Linux: XDG_CONFIG_HOME when absolute, else ~/.config.
  return xdg && xdg.startsWith('/') ? join(xdg, 'berth') : join(homedir(), '.config', 'berth');
}
