import { join } from 'node:path';
import { BrowserWindow, shell } from 'electron';
import { APP_ORIGIN } from './app-protocol';

const ALLOWED_PERMISSIONS = new Set(['media', 'notifications', 'speaker-selection']);

/** The one window: sandboxed, isolated, no Node, no navigation away from the app. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    title: 'Dialtone',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const contents = window.webContents;
  contents.session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

export function preloadPathFrom(appMainDir: string): string {
  return join(appMainDir, '..', '..', 'preload', 'preload.cjs');
}
