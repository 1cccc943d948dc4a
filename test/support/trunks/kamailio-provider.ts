import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess } from '../peers/child-process';
import { freeSipPort } from '../peers/free-port';
import type { Endpoint } from '../peers/sip-requests';
import { waitUntil } from '../peers/wait-until';
import { udpBoundAt, type ProviderAddress } from './provider-sipp';

const CONFIG = fileURLToPath(new URL('../../fixtures/kamailio/provider.cfg', import.meta.url));

export interface KamailioProviderOptions {
  address: ProviderAddress;
  workDir: string;
  /** The one account the provider knows. */
  account: { user: string; password: string };
  /** Where authenticated calls go: the "telephone network" behind the provider. */
  pstn: Endpoint;
}

export interface KamailioProvider {
  readonly address: string;
  readonly sipPort: number;
  /** Kamailio's log (stderr): one "authorised" line per call it let through. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Kamailio as a trunk provider that checks digest for real: 401 on REGISTER,
 * 407 on INVITE (which SIPp's <verifyauth> cannot check: it reads only
 * Authorization, never Proxy-Authorization), relaying authenticated calls to
 * `pstn`. See test/fixtures/kamailio/provider.cfg.
 */
export async function startKamailioProvider(options: KamailioProviderOptions): Promise<KamailioProvider> {
  const db = join(options.workDir, 'db');
  mkdirSync(db, { recursive: true });
  writeFileSync(join(db, 'subscriber_ht'), `key_name(str) key_type(int) value_type(int) key_value(str) expires(int)\n${options.account.user}:0:0:${options.account.password}:0\n`);
  writeFileSync(join(db, 'version'), 'table_name(str) table_version(int)\nsubscriber_ht:1\n');
  for (let attempt = 1; ; attempt++) {
    const sipPort = await freeSipPort();
    const kamailio = startProcess('kamailio', ['-f', writeConfig(options, sipPort), '-P', join(options.workDir, 'kamailio.pid'), '-Y', options.workDir, '-DD', '-E', '-n', '1', '-m', '32', '-M', '4']);
    const listening = await Promise.race([
      waitUntil(`Kamailio on ${options.address}:${sipPort}`, () => (udpBoundAt(options.address, sipPort) ? true : undefined), 10_000, 50),
      kamailio.exited.then(() => false),
    ]).catch(async (error: unknown) => {
      await kamailio.stop('SIGKILL');
      throw error;
    });
    if (listening) {
      return {
        address: options.address,
        sipPort,
        output: () => kamailio.output(),
        // SIGTERM: the main process stops its worker processes before it exits.
        stop: async () => void (await kamailio.stop('SIGTERM')),
      };
    }
    // Most likely another program took the port since we found it free: pick again.
    if (attempt === 3) throw new Error(`Kamailio exited at start:\n${kamailio.output().slice(-3000)}`);
  }
}

/** provider.cfg with this run's address, port, folder and callee filled in. */
function writeConfig(options: KamailioProviderOptions, sipPort: number): string {
  const values: Record<string, string> = {
    ADDRESS: options.address,
    PORT: String(sipPort),
    WORK_DIR: options.workDir,
    PSTN: `sip:${options.pstn.host}:${options.pstn.port}`,
  };
  const config = join(options.workDir, 'provider.cfg');
  writeFileSync(config, readFileSync(CONFIG, 'utf8').replace(/@([A-Z_]+)@/g, (_, key: string) => values[key] ?? `@${key}@`));
  return config;
}
