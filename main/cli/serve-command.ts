import { join } from 'node:path';
import { defaultDataDir } from '../pbx/config/data-dir';
import { createLogger } from '../pbx/logger';
import { createPbx } from '../pbx/pbx';
import { parseCommandArgs, parsePort } from './cli-args';
import { RENDERER_DIR, VERSION } from './engine-paths';
import { UsageError } from './usage-error';

const HELP = `Usage: dialtone serve [options]

Runs the engine headless and serves the web UI.

Options:
  --data-dir DIR     Where the store and logs live (default: ${defaultDataDir()})
  --bind ADDRESS     Address to listen on (default: 127.0.0.1, this machine only;
                     use 0.0.0.0 or a LAN address to open it to the network)
  --http-port PORT   Web UI, API and SIP over WebSocket (default: 8080)
  --log-level LEVEL  fatal, error, warn, info, debug or trace (default: info)

Environment:
  DIALTONE_ADMIN_PASSWORD  The admin password to set on first start, instead of
                           a generated one (useful for automated installs).`;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || address.startsWith('127.');
}

function describeListenError(error: NodeJS.ErrnoException, bind: string, port: number): string {
  if (error.code === 'EADDRINUSE') return `Port ${port} is already in use on ${bind}. Stop the other program or choose another port with --http-port.`;
  if (error.code === 'EADDRNOTAVAIL') return `This machine has no address ${bind}. Check --bind.`;
  if (error.code === 'EACCES') return `Not allowed to listen on ${bind}:${port}. Ports below 1024 need extra rights; choose another with --http-port.`;
  return error.message;
}

export async function runServeCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      'data-dir': { type: 'string' },
      bind: { type: 'string' },
      'http-port': { type: 'string' },
      'log-level': { type: 'string' },
    },
    HELP,
  );
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const bind = values.bind ?? '127.0.0.1';
  const httpPort = parsePort(values['http-port'], 8080, '--http-port');
  const level = values['log-level'] ?? 'info';
  if (!LOG_LEVELS.includes(level)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}.`);

  const logger = createLogger({ logDir: join(dataDir, 'logs'), level });
  const pbx = createPbx({
    dataDir,
    version: VERSION,
    logger,
    http: { bind, port: httpPort },
    rendererDir: RENDERER_DIR,
    ...(process.env.DIALTONE_ADMIN_PASSWORD ? { initialAdminPassword: process.env.DIALTONE_ADMIN_PASSWORD } : {}),
  });

  let started;
  try {
    started = await pbx.start();
  } catch (error) {
    await pbx.stop().catch(() => undefined);
    throw new Error(describeListenError(error as NodeJS.ErrnoException, bind, httpPort), { cause: error });
  }

  const host = bind.includes(':') ? `[${bind}]` : bind === '0.0.0.0' ? '127.0.0.1' : bind;
  console.log(`Dialtone ${VERSION} is ready.`);
  console.log(`  Web UI:  http://${host}:${started.httpPort}`);
  console.log(`  Data:    ${dataDir}`);
  if (!isLoopback(bind)) console.log(`  Open to the network on ${bind}: other machines can reach the sign-in page.`);
  if (started.adminPassword !== undefined) {
    console.log('');
    console.log('First start: an administrator account was created.');
    console.log('  Username: admin');
    if (process.env.DIALTONE_ADMIN_PASSWORD) console.log('  Password: the one in DIALTONE_ADMIN_PASSWORD');
    else console.log(`  Password: ${started.adminPassword}`);
    console.log('  It is shown only this once. To set a new one: dialtone admin reset-password');
  }

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      console.log(`Stopping (${signal})…`);
      // A second signal while stopping means "now".
      process.once(signal, () => process.exit(130));
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await pbx.stop();
  console.log('Stopped.');
  return 0;
}
