import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, IPC_EVENT_CHANNEL, ipcChannelOf } from '../../shared/contract';
import type { CallResult } from '../../shared/transport';
import type { Pbx } from '../pbx/pbx';
import { isTrustedSenderUrl } from './app-protocol';

/** The desktop user owns this engine: IPC calls run as its administrator. */
const LOCAL_CALLER = { username: 'desktop', role: 'admin', origin: 'ipc' } as const;

/** Binds every contract channel to ipcMain, and pushes engine events to the window. */
export function bindContractToIpc(pbx: Pbx, getWindow: () => BrowserWindow | undefined): () => void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(ipcChannelOf(name), (event: IpcMainInvokeEvent, input: unknown): Promise<CallResult> => {
      if (!isTrustedSenderUrl(event.senderFrame?.url)) {
        return Promise.resolve({ ok: false, err: { code: 'E_FORBIDDEN', message: 'This page may not call the engine.' } });
      }
      return pbx.dispatch(name, input, LOCAL_CALLER);
    });
  }
  const unsubscribe = pbx.events.subscribe((event, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event, payload);
  });
  return () => {
    unsubscribe();
    for (const name of CHANNEL_NAMES) ipcMain.removeHandler(ipcChannelOf(name));
  };
}
