import { shell } from 'electron';

/**
 * Opens a link in the system browser, only for http: and https: (an allow-list: file:, smb:,
 * custom schemes and javascript: can start programs or read files, so they are dropped).
 */
export function openExternalSafely(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    console.warn(`Not opening ${parsed.protocol} link outside Berth: only http and https are.`);
    return false;
  }
  shell.openExternal(parsed.href).catch((error: unknown) => {
    console.warn(`Could not open ${parsed.href}: ${String(error)}`);
  });
  return true;
}
