// The only bridge between the sandboxed renderer and main: one named function
// per contract channel, and the event feed. ipcRenderer itself never leaks.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, IPC_EVENT_CHANNEL, ipcChannelOf, type ChannelName } from '../shared/contract';
import type { CallResult, PreloadApi } from '../shared/transport';

const channels = Object.fromEntries(
  CHANNEL_NAMES.map((name) => [name, (input: unknown): Promise<CallResult> => ipcRenderer.invoke(ipcChannelOf(name), input)]),
) as Record<ChannelName, (input: unknown) => Promise<CallResult>>;

const api: PreloadApi = {
  channels: Object.freeze(channels),
  onEvent(listener) {
    const wrapped = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
  },
};

contextBridge.exposeInMainWorld('dialtone', api);
