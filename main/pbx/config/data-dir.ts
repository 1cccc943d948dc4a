import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'Dialtone';

/**
 * The per-user app-data folder, the same one Electron's app.getPath('userData')
 * gives for productName Dialtone, so the desktop app and `serve` share data.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}
