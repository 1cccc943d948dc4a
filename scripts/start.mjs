// `npm start`: the desktop app where Electron's binary is installed; otherwise
// one line saying why, then the headless engine serving the same UI.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ELECTRON_DIR = 'node_modules/electron';

function electronBinary() {
  try {
    const relative = readFileSync(join(ELECTRON_DIR, 'path.txt'), 'utf8').trim();
    const full = join(ELECTRON_DIR, 'dist', relative);
    return existsSync(full) ? full : undefined;
  } catch {
    return undefined;
  }
}

/** Electron's own install script fetches the binary; quietly, and not for ever. */
function tryDownloadElectron() {
  if (!existsSync(join(ELECTRON_DIR, 'install.js'))) return;
  spawnSync(process.execPath, [join(ELECTRON_DIR, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
}

/**
 * better-sqlite3 in node_modules is built for Node (tests and `serve` need it).
 * Electron has another ABI, so the desktop app gets its own copy, built once.
 */
function electronSqliteBinding() {
  const version = JSON.parse(readFileSync(join(ELECTRON_DIR, 'package.json'), 'utf8')).version;
  const dir = resolve('.electron-native', version, 'better-sqlite3');
  const binding = join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  console.log(`Building better-sqlite3 for Electron ${version} (once)…`);
  mkdirSync(dir, { recursive: true });
  cpSync('node_modules/better-sqlite3', dir, { recursive: true });
  const gyp = spawnSync('npx', ['--yes', 'node-gyp', 'rebuild', `--target=${version}`, '--dist-url=https://electronjs.org/headers', `--directory=${dir}`], {
    stdio: 'inherit',
  });
  if (gyp.status !== 0) throw new Error('Could not build better-sqlite3 for Electron.');
  return binding;
}

function runAndForward(command, args, env) {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (!existsSync('dist/main/cli.js')) spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });

let binary = electronBinary();
if (!binary) {
  tryDownloadElectron();
  binary = electronBinary();
}
if (binary) {
  runAndForward(binary, ['.'], { DIALTONE_SQLITE_BINDING: electronSqliteBinding() });
} else {
  console.log("Electron's binary is not installed and could not be downloaded here, so Dialtone runs headless: open the Web UI address below in a browser.");
  runAndForward(process.execPath, ['bin/dialtone.js', 'serve', ...process.argv.slice(2)], {});
}
