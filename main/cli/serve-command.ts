import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
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
  --bind ADDRESSES   Addresses to listen on, comma-separated (default:
                     127.0.0.1, this machine only; use 0.0.0.0 or a LAN address
                     to open it to the network, add :: or ::1 for IPv6).
                     The web UI uses the first.
  --http-port PORT   Web UI, API and SIP over WebSocket (default: 8080)
  --sip-port PORT    SIP over UDP and TCP (default: 5060)
  --sip-advertise A  The address phones should use for us, when it is not the
                     listen address (NAT, or --bind 0.0.0.0)
  --rtp-ports A-B    Media (RTP) port range, even ports, RTCP = RTP + 1
                     (default: 20000-29999); open it in the firewall too
  --media-workers N  Threads that relay media (default: one per CPU)
  --tls-cert FILE    PEM certificate: turns on HTTPS/WSS on the HTTP port and
  --tls-key FILE     SIP over TLS on --sip-tls-port (default: 5061)
  --sip-tls-port PORT
  --log-level LEVEL  fatal, error, warn, info, debug or trace (default: info)

Environment:
  DIALTONE_ADMIN_PASSWORD  The admin password to set on first start, instead of
                           a generated one (useful for automated installs).`;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.');
}

function parseRange(text: string): [number, number] {
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(text);
  const low = Number(match?.[1]);
  const high = Number(match?.[2]);
  if (!match || low < 1024 || high > 65534 || high - low < 3) {
    throw new UsageError(`--rtp-ports takes a range like 20000-29999 (from 1024 to 65534, at least 4 ports), not "${text}".`);
  }
  return [low, high];
}

function describeListenError(error: NodeJS.ErrnoException, bind: string, port: number, sipPort: number): string {
  if (error.code === 'EADDRINUSE') {
    return `A port is already in use on ${bind} (web ${port}, SIP ${sipPort}). Stop the other program (another PBX?) or choose ports with --http-port and --sip-port.`;
  }
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
      'sip-port': { type: 'string' },
      'sip-tls-port': { type: 'string' },
      'sip-advertise': { type: 'string' },
      'rtp-ports': { type: 'string' },
      'media-workers': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'log-level': { type: 'string' },
    },
    HELP,
  );
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const addresses = (values.bind ?? '127.0.0.1').split(',').map((a) => a.trim()).filter((a) => a !== '');
  for (const address of addresses) if (!isIP(address)) throw new UsageError(`--bind takes IP addresses, not "${address}".`);
  const bind = addresses[0] ?? '127.0.0.1';
  const httpPort = parsePort(values['http-port'], 8080, '--http-port');
  const sipPort = parsePort(values['sip-port'], 5060, '--sip-port');
  const sipTlsPort = parsePort(values['sip-tls-port'], 5061, '--sip-tls-port');
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new UsageError('--tls-cert and --tls-key go together.');
  const rtpPorts = parseRange(values['rtp-ports'] ?? '20000-29999');
  const mediaWorkers = values['media-workers'] === undefined ? undefined : Number(values['media-workers']);
  if (mediaWorkers !== undefined && (!Number.isInteger(mediaWorkers) || mediaWorkers < 1 || mediaWorkers > 64)) {
    throw new UsageError('--media-workers takes a number from 1 to 64.');
  }
  const tls = values['tls-cert'] && values['tls-key'] ? { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) } : undefined;
  const level = values['log-level'] ?? 'info';
  if (!LOG_LEVELS.includes(level)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}.`);

  const logger = createLogger({ logDir: join(dataDir, 'logs'), level });
  const pbx = createPbx({
    dataDir,
    version: VERSION,
    logger,
    http: { bind, port: httpPort },
    sip: { addresses, port: sipPort, tlsPort: sipTlsPort, advertisedAddress: values['sip-advertise'] },
    media: { portRange: rtpPorts, workers: mediaWorkers },
    tls,
    rendererDir: RENDERER_DIR,
    ...(process.env.DIALTONE_ADMIN_PASSWORD ? { initialAdminPassword: process.env.DIALTONE_ADMIN_PASSWORD } : {}),
  });

  let started;
  try {
    started = await pbx.start();
  } catch (error) {
    await pbx.stop().catch(() => undefined);
    throw new Error(describeListenError(error as NodeJS.ErrnoException, bind, httpPort, sipPort), { cause: error });
  }

  const host = bind.includes(':') ? `[${bind}]` : bind === '0.0.0.0' ? '127.0.0.1' : bind;
  const { udp, tcp, tls: tlsPort } = started.sipPorts;
  console.log(`Dialtone ${VERSION} is ready.`);
  console.log(`  Web UI:  http${tls ? 's' : ''}://${host}:${started.httpPort}`);
  console.log(`  SIP:     ${addresses.join(', ')} UDP ${udp}, TCP ${tcp}${tlsPort ? `, TLS ${tlsPort}` : ''}, WebSocket on the web port`);
  console.log(`  Media:   RTP ports ${rtpPorts[0]}-${rtpPorts[1]}`);
  console.log(`  Data:    ${dataDir}`);
  if (!addresses.every(isLoopback)) console.log(`  Open to the network on ${addresses.join(', ')}: other machines can reach the sign-in page and SIP.`);
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
