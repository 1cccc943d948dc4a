// The Electron layer: single instance, the engine in-process, one secure
// window, the contract on ipcMain. Everything else lives in main/pbx.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow } from 'electron';
import pkg from '../../package.json' with { type: 'json' };
import { createLogger } from '../pbx/logger';
import { createPbx, type Pbx } from '../pbx/pbx';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { bindContractToIpc } from './ipc-bridge';
import { createMainWindow, preloadPathFrom } from './main-window';

const here = dirname(fileURLToPath(import.meta.url));
let window: BrowserWindow | undefined;
let pbx: Pbx | undefined;

async function startDesktop(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const nativeBinding = process.env.DIALTONE_SQLITE_BINDING;
  pbx = createPbx({
    dataDir,
    version: pkg.version,
    logger: createLogger({ logDir: join(dataDir, 'logs') }),
    // The desktop engine listens on loopback until the user opens the office to the LAN.
    http: { bind: '127.0.0.1', port: 0 },
    // The relay's worker sits beside the bundled main (dist/main), unpacked from the asar: a thread cannot load from inside it.
    media: { workerUrl: new URL('../media-relay-worker.js', import.meta.url.replace('app.asar/', 'app.asar.unpacked/')) },
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  const { httpPort } = await pbx.start();
  serveRenderer(join(here, '..', '..', 'renderer'), `ws://127.0.0.1:${httpPort}`);
  bindContractToIpc(pbx, () => window);
  window = createMainWindow(preloadPathFrom(here));
  window.on('closed', () => (window = undefined));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!pbx) return;
    event.preventDefault();
    const stopping = pbx;
    pbx = undefined;
    void stopping.stop().finally(() => app.quit());
  });
  startDesktop().catch((error: unknown) => {
    console.error('Dialtone could not start:', error);
    app.exit(1);
  });
}
