import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where `berth` keeps its data unless --data-dir says otherwise: the platform's per-user data
 * folder (XDG on Linux, Application Support on macOS, %APPDATA% on Windows).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'darwin') {
    return join(homedir(), 'Library', 'Application Support', 'Berth');
  }
  if (process.platform === 'win32') {
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Berth');
  }
  const xdg = env.XDG_DATA_HOME;
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  return xdg && xdg.startsWith('/')
    ? join(xdg, 'berth')
    : join(homedir(), '.local', 'share', 'berth');
}
