import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess, type ProcessExit, type StartedProcess } from '../peers/child-process';
import type { Endpoint } from '../peers/sip-requests';
import { waitUntil } from '../peers/wait-until';
import { udpPortBound } from './free-udp-ports';
import { parseSippMessageLog, type SippMessage } from './sipp-message-log';

export const SIPP_SCENARIOS = fileURLToPath(new URL('../../fixtures/sipp/', import.meta.url));

export interface SippPeerOptions {
  /** A scenario file in test/fixtures/sipp. */
  scenario: string;
  /** SIPp's working folder: its logs, and files its scenario names (rtp_stream). */
  workDir: string;
  sipPort: number;
  /** SIPp binds this port and the one two above it (-mp); [media_port] in its SDP. */
  mediaPort: number;
  /** A UAC's target (the engine) and whom it calls (-s, [service]). */
  remote?: Endpoint;
  service?: string;
  /** A UAC's extension: its From user ([caller]) and digest credentials. */
  caller?: { number: string; password: string };
  /**
   * Values for [key] in the scenario's messages (-key). Callee scenarios put
   * [rtp_port] (default: the media port) and [telephone_event_pt] (default 101)
   * in their SDP, so a test can take the media on its own socket.
   */
  keys?: Record<string, string>;
  /** Echo RTP that arrives on the media port (-rtp_echo). */
  rtpEcho?: boolean;
  /** The length of <pause/> without milliseconds (-d). */
  pauseMs?: number;
  /** Files to write into the working folder first, for a scenario that names them (rtp_stream). */
  files?: Record<string, Buffer>;
  /** SIPp fails after this long (its own -timeout); the process is killed 10 s later. */
  timeoutSeconds: number;
}

export interface SippResult extends ProcessExit {
  messages: SippMessage[];
  /** Unexpected messages and other scenario errors SIPp logged. */
  errors: string;
  output: string;
}

export interface SippPeer {
  readonly process: StartedProcess;
  readonly sipPort: number;
  readonly mediaPort: number;
  /** The Call-ID of a UAC's call. */
  readonly callId: string;
  /** Resolves once SIPp has bound its SIP and media ports. */
  listening(): Promise<void>;
  /** The messages SIPp sent and received so far. */
  messages(): SippMessage[];
  /** Waits for SIPp to finish its one call (-m 1) and reads its logs. */
  result(): Promise<SippResult>;
}

/** SIPp could not bind a port we had found free a moment earlier: another program took it since. */
export class SippPortTaken extends Error {}

/** Starts SIPp for one call (-m 1) on loopback: a UAS when `remote` is absent, else a UAC. */
export function startSipp(options: SippPeerOptions): SippPeer {
  const name = `${options.scenario.replace(/\.xml$/, '')}-${options.sipPort}`;
  const messageFile = join(options.workDir, `${name}-messages.log`);
  const errorFile = join(options.workDir, `${name}-errors.log`);
  const callIdPrefix = randomBytes(6).toString('hex');
  const args = [
    '-sf', join(SIPP_SCENARIOS, options.scenario),
    '-i', '127.0.0.1',
    '-p', String(options.sipPort),
    '-mi', '127.0.0.1',
    '-mp', String(options.mediaPort),
    '-t', 'u1',
    '-m', '1',
    '-nostdin',
    '-cid_str', `${callIdPrefix}-%u@sipp`,
    '-timeout', `${options.timeoutSeconds}s`,
    '-timeout_error',
    '-trace_msg', '-message_file', messageFile,
    '-trace_err', '-error_file', errorFile,
    ...(options.pauseMs === undefined ? [] : ['-d', String(options.pauseMs)]),
    ...(options.rtpEcho ? ['-rtp_echo'] : []),
    ...(options.service === undefined ? [] : ['-s', options.service]),
    ...(options.caller ? ['-au', options.caller.number, '-ap', options.caller.password, '-key', 'caller', options.caller.number] : []),
    ...Object.entries({ rtp_port: String(options.mediaPort), telephone_event_pt: '101', ...options.keys }).flatMap(([key, value]) => ['-key', key, value]),
    ...(options.remote ? [`${options.remote.host}:${options.remote.port}`] : []),
  ];
  for (const [file, bytes] of Object.entries(options.files ?? {})) writeFileSync(join(options.workDir, file), bytes);
  const child = startProcess('sipp', args, { cwd: options.workDir });
  const killer = setTimeout(() => void child.stop('SIGKILL'), (options.timeoutSeconds + 10) * 1000);
  void child.exited.then(() => clearTimeout(killer));
  const messages = () => (existsSync(messageFile) ? parseSippMessageLog(readFileSync(messageFile, 'latin1')) : []);

  return {
    process: child,
    sipPort: options.sipPort,
    mediaPort: options.mediaPort,
    callId: `${callIdPrefix}-1@sipp`,
    messages,
    async listening() {
      await Promise.race([
        waitUntil(`SIPp listening on UDP ${options.sipPort} and ${options.mediaPort}`, () => (udpPortBound(options.sipPort) && udpPortBound(options.mediaPort) ? true : undefined), 5_000, 20),
        child.exited.then(() => {
          const output = child.output();
          const bindFailure = /^.*Unable to bind.*$/m.exec(output)?.[0];
          throw bindFailure ? new SippPortTaken(bindFailure) : new Error(`SIPp exited before listening:\n${output.slice(-2000)}`);
        }),
      ]);
    },
    async result() {
      const exit = await child.exited;
      return {
        ...exit,
        messages: messages(),
        errors: existsSync(errorFile) ? readFileSync(errorFile, 'utf8').slice(0, 4000) : '',
        output: child.output().slice(-3000),
      };
    },
  };
}
