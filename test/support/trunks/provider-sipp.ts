import { scenarioErrors } from '../sipp-errors';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freeUdpPorts } from '../calls/free-udp-ports';
import { parseSippMessageLog, requestsReceived, type SippMessage } from '../calls/sipp-message-log';
import { SIPP_SCENARIOS } from '../calls/sipp-peer';
import { startProcess, type StartedProcess } from '../peers/child-process';
import { freeSipPort } from '../peers/free-port';
import type { Endpoint } from '../peers/sip-requests';
import { waitUntil } from '../peers/wait-until';

/**
 * Loopback addresses the simulated providers live on. The engine recognises a
 * trunk's calls by source address (TrunkManager.identify), so a provider must
 * never share 127.0.0.1 with the extensions' phones.
 */
export type ProviderAddress = '127.0.0.2' | '127.0.0.3';

/**
 * True once some process has bound UDP on exactly `address:port`: the
 * provider's own address, so a program elsewhere on that port number (which
 * would make the provider fail to bind) is not mistaken for it. Linux's
 * /proc/net/udp writes 127.0.0.2:5060 as "0200007F:13C4".
 */
export function udpBoundAt(address: ProviderAddress, port: number): boolean {
  const local = `${address.split('.').reverse().map((n) => Number(n).toString(16).padStart(2, '0')).join('')}:${port.toString(16).padStart(4, '0')}`.toUpperCase();
  return readFileSync('/proc/net/udp', 'utf8')
    .split('\n')
    .some((line) => line.trim().split(/\s+/)[1] === local);
}

export interface ProviderOptions {
  /** A scenario in test/fixtures/sipp (provider-*.xml). */
  scenario: string;
  address: ProviderAddress;
  workDir: string;
  /** Values for [key] in the scenario (-key): credentials, granted expiry. */
  keys?: Record<string, string>;
  /** Echo the RTP that reaches the media port (-rtp_echo). */
  rtpEcho?: boolean;
  /** Run as a UAC that calls `remote` once (-m 1), with -s `service`; else a UAS for every Call-ID that comes. */
  call?: { remote: Endpoint; service: string };
  /** SIPp's own -timeout; the process is killed 10 s later in any case. */
  timeoutSeconds: number;
}

export interface Provider {
  readonly address: string;
  readonly sipPort: number;
  readonly mediaPort: number;
  readonly process: StartedProcess;
  /** Every message SIPp sent and received so far (its -trace_msg log). */
  messages(): SippMessage[];
  /** Requests of `method` SIPp received, in order. */
  received(method: string): SippMessage[];
  /** The status codes SIPp answered requests of `method` with, in order. */
  answered(method: string): number[];
  /** Scenario errors SIPp logged (unexpected messages and the like). */
  errors(): string;
  stop(): Promise<void>;
}

/** SIPp as a SIP trunk provider on its own loopback address and free ports. */
export async function startProvider(options: ProviderOptions): Promise<Provider> {
  for (let attempt = 1; ; attempt++) {
    const sipPort = await freeSipPort();
    const mediaPort = await freeUdpPorts(4);
    const provider = launch(options, sipPort, mediaPort);
    const bound = await Promise.race([
      waitUntil(`SIPp provider on ${options.address}:${sipPort}`, () => (udpBoundAt(options.address, sipPort) ? true : undefined), 5_000, 20),
      provider.process.exited.then(() => false),
    ]);
    if (bound) return provider;
    // Another program took a port between our check and SIPp's bind: pick again.
    if (attempt === 3 || !/Unable to bind/.test(provider.process.output())) throw new Error(`SIPp provider did not start:\n${provider.process.output().slice(-2000)}`);
  }
}

function launch(options: ProviderOptions, sipPort: number, mediaPort: number): Provider {
  const name = `${options.scenario.replace(/\.xml$/, '')}-${options.address}-${sipPort}`;
  const messageFile = join(options.workDir, `${name}-messages.log`);
  const errorFile = join(options.workDir, `${name}-errors.log`);
  const args = [
    '-sf', join(SIPP_SCENARIOS, options.scenario),
    '-i', options.address,
    '-p', String(sipPort),
    '-mi', options.address,
    '-mp', String(mediaPort),
    '-t', 'u1',
    '-m', options.call ? '1' : '1000',
    '-nostdin',
    '-timeout', `${options.timeoutSeconds}s`,
    '-trace_msg', '-message_file', messageFile,
    '-trace_err', '-error_file', errorFile,
    ...(options.rtpEcho ? ['-rtp_echo'] : []),
    ...Object.entries(options.keys ?? {}).flatMap(([key, value]) => ['-key', key, value]),
    ...(options.call ? ['-s', options.call.service, `${options.call.remote.host}:${options.call.remote.port}`] : []),
  ];
  const child = startProcess('sipp', args, { cwd: options.workDir });
  const killer = setTimeout(() => void child.stop('SIGKILL'), (options.timeoutSeconds + 10) * 1000);
  void child.exited.then(() => clearTimeout(killer));
  const messages = () => (existsSync(messageFile) ? parseSippMessageLog(readFileSync(messageFile, 'latin1')) : []);
  return {
    address: options.address,
    sipPort,
    mediaPort,
    process: child,
    messages,
    received: (method) => requestsReceived(messages(), method),
    answered: (method) =>
      messages()
        .filter((m) => m.direction === 'sent' && m.startLine.startsWith('SIP/2.0 ') && new RegExp(`^CSeq:\\s*\\d+\\s+${method}\\s*$`, 'im').test(m.text))
        .map((m) => Number(m.startLine.split(' ')[1])),
    errors: () => (existsSync(errorFile) ? scenarioErrors(readFileSync(errorFile, 'utf8')) : ''),
    async stop() {
      await child.stop('SIGKILL');
    },
  };
}
