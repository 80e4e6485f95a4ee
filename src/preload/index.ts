import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { bridgeChannel, type Bridge } from '../shared/rpc/bridge';
import type { ServerMessage } from '../shared/rpc/protocol';

// The whole preload: one channel, raw protocol messages, nothing else (ARCHITECTURE.md §2).
const bridge: Bridge = {
  send: (message) => ipcRenderer.send(bridgeChannel, message),
  onMessage: (listener) => {
    const handler = (_event: IpcRendererEvent, message: ServerMessage): void => listener(message);
    ipcRenderer.on(bridgeChannel, handler);
    return () => ipcRenderer.off(bridgeChannel, handler);
  },
};

contextBridge.exposeInMainWorld('bridge', bridge);
