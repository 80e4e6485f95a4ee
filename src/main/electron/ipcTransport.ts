import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import { bridgeChannel } from '../../shared/rpc/bridge';
import type { ServerMessage } from '../../shared/rpc/protocol';
import { Listeners, type Transport } from '../../shared/rpc/transport';

/**
 * The RPC transport for one window's current page, over the preload bridge's one IPC channel.
 * Only messages from that window's main frame showing the app's own page are read: an iframe,
 * a page the window was tricked into loading, or another webContents is dropped and logged.
 * The transport closes when the page goes (navigation, reload, crash, window closed), so each
 * page gets its own connection and no events leak from the last one.
 */
export function ipcTransport(
  contents: WebContents,
  isAppUrl: (url: string) => boolean,
): Transport<unknown, ServerMessage> {
  const messages = new Listeners<[unknown]>();
  const closed = new Listeners<[]>();
  let open = true;

  const onIpc = (event: IpcMainEvent, message: unknown): void => {
    // Other windows' pages have their own transports listening on the same channel.
    if (event.sender !== contents) return;
    const frame = event.senderFrame;
    if (!frame || frame !== contents.mainFrame || !isAppUrl(frame.url)) {
      console.warn(`rpc: dropped a message from an untrusted frame (${frame?.url ?? 'gone'})`);
      return;
    }
    messages.emit(message);
  };

  const onNavigation = (details: Electron.WebContentsDidStartNavigationEventParams): void => {
    if (details.isMainFrame && !details.isSameDocument) close();
  };

  function close(): void {
    if (!open) return;
    open = false;
    ipcMain.off(bridgeChannel, onIpc);
    contents.off('did-start-navigation', onNavigation);
    contents.off('render-process-gone', close);
    contents.off('destroyed', close);
    closed.emit();
    closed.clear();
    messages.clear();
  }

  ipcMain.on(bridgeChannel, onIpc);
  contents.on('did-start-navigation', onNavigation);
  contents.on('render-process-gone', close);
  contents.on('destroyed', close);

  return {
    send(message) {
      if (open && !contents.isDestroyed()) contents.send(bridgeChannel, message);
    },
    onMessage: (listener) => messages.add(listener),
    onClose: (listener) => closed.add(listener),
    close,
  };
}
