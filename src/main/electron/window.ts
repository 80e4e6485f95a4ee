import { BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { serveConnection } from '../../shared/rpc/server';
import type { Host } from '../host';
import { preloadPath, type AppLocation } from './appLocation';
import { ipcTransport } from './ipcTransport';
import { openExternalSafely } from './platform';

/** The renderer's dark background, so the window does not flash white before the first paint. */
const backgroundColor = '#101318';

export function createMainWindow(host: Host, location: AppLocation): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    backgroundColor,
    title: 'Berth',
    webPreferences: {
      preload: preloadPath(existsSync),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const contents = win.webContents;
  win.once('ready-to-show', () => win.show());

  // The window only ever shows the app; links to the web open in the system browser.
  const keepOnApp = (event: Electron.Event, url: string): void => {
    if (location.isAppUrl(url)) return;
    event.preventDefault();
    openExternalSafely(url);
  };
  contents.on('will-navigate', (event) => keepOnApp(event, event.url));
  contents.on('will-redirect', (event) => keepOnApp(event, event.url));
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });

  // One RPC connection per page: a reload gets a fresh one (see ipcTransport).
  const connect = (): void => {
    const transport = ipcTransport(contents, location.isAppUrl);
    serveConnection(transport, { handlers: host.handlers, events: host.events });
    transport.onClose(() => {
      if (!contents.isDestroyed()) connect();
    });
  };
  connect();

  location.load(contents).catch((error: unknown) => {
    console.error(`Could not load the Berth window: ${String(error)}`);
  });
  return win;
}
