import { app, BrowserWindow, dialog, session } from 'electron';
import { createHost, type Host } from '../host';
import { DataDirInUseError } from '../storage/dataDirLock';
import { appLocation } from './appLocation';
import { appCredentialStore } from './keychainCredentials';
import { secureSession } from './sessionSecurity';
import { createMainWindow } from './window';

/**
 * The Electron shell: one process, one window, the core built by createHost on the app's
 * userData folder. Everything else lives in the services; this only adapts.
 */
export function startElectronApp(): void {
  // A second launch hands over to the first (which comes to the front) and quits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let host: Host | undefined;
  let window: BrowserWindow | undefined;
  const location = appLocation();

  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  // No <webview> anywhere: a page that managed to add one would get a fresh, unchecked context.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (host && BrowserWindow.getAllWindows().length === 0)
      window = createMainWindow(host, location);
  });

  // Closing the host (database, sandboxes' streams) is asynchronous: hold the quit until done.
  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed || !host) return;
    event.preventDefault();
    const closing = host;
    host = undefined;
    closing
      .dispose()
      .catch((error: unknown) => console.error(`Closing Berth failed: ${String(error)}`))
      .finally(() => {
        disposed = true;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(async () => {
      secureSession(session.defaultSession, location);
      host = await createHost({
        dataDir: app.getPath('userData'),
        credentials: appCredentialStore,
      });
      window = createMainWindow(host, location);
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox(
        error instanceof DataDirInUseError ? 'Berth is already running' : 'Berth could not start',
        message,
      );
      app.exit(error instanceof DataDirInUseError ? 2 : 1);
    });
}
