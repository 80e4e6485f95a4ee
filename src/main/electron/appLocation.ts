import { app } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appRoot, rendererDir } from '../paths';

/** Where the window's page comes from, and the test every navigation and IPC sender must pass. */
export interface AppLocation {
  /** The electron-vite dev server in development, else the built index.html. */
  load(contents: Electron.WebContents): Promise<void>;
  /** Whether a URL is the app's own page (not some other file or site). */
  isAppUrl(url: string): boolean;
}

export function appLocation(): AppLocation {
  // electron-vite dev sets ELECTRON_RENDERER_URL; a packaged app never trusts it.
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  if (devUrl) {
    const origin = new URL(devUrl).origin;
    return {
      load: (contents) => contents.loadURL(devUrl),
      isAppUrl: (url) => parse(url)?.origin === origin,
    };
  }
  const index = join(rendererDir(), 'index.html');
  return {
    load: (contents) => contents.loadFile(index),
    isAppUrl: (url) => {
      const parsed = parse(url);
      if (parsed?.protocol !== 'file:') return false;
      try {
        return fileURLToPath(parsed) === index;
      } catch {
        return false;
      }
    },
  };
}

/**
 * The sandboxed preload script. It must be CommonJS: a sandboxed preload runs as a plain script,
 * so an ES module (electron-vite's index.mjs when the preload output format is not set to cjs)
 * would fail and leave the window without its bridge.
 */
export function preloadPath(exists: (file: string) => boolean): string {
  const dir = join(appRoot(), 'out', 'preload');
  const found = ['index.cjs', 'index.js'].map((name) => join(dir, name)).find(exists);
  if (found) return found;
  console.error(
    `No CommonJS preload in ${dir}: build the preload with output format "cjs" ` +
      '(electron.vite.config.ts); the window will have no bridge to Berth.',
  );
  return join(dir, 'index.cjs');
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
