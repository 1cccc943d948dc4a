import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { startProcess, type StartedProcess } from './child-process';
import { freeSipPort } from './free-port';
import type { Endpoint } from './sip-requests';

export interface BaresipAccount {
  user: string;
  password: string;
  registrar: Endpoint;
}

export interface Baresip {
  readonly process: StartedProcess;
  /** Where baresip sends SIP from (UDP and TCP). */
  readonly sipPort: number;
  /** baresip's own view of its registrations, from the `reginfo` command over ctrl_tcp. */
  reginfo(): Promise<string>;
}

/**
 * A headless baresip 1.0 config, after shared/sip/peers/baresip: loopback
 * only, no sound device (ausine source, aubridge player), no DNS, and the
 * ctrl_tcp module (JSON in netstrings) for `reginfo`.
 */
function config(sipPort: number, ctrlPort: number): string {
  return [
    'poll_method epoll',
    `sip_listen 127.0.0.1:${sipPort}`,
    'net_interface 127.0.0.1',
    'dns_server 127.0.0.1:53',
    'audio_player aubridge,nullplay',
    'audio_source ausine,440',
    'audio_alert aubridge,nullalert',
    'module_path /usr/lib/baresip/modules',
    'module g711.so',
    'module ausine.so',
    'module aubridge.so',
    'module ctrl_tcp.so',
    `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
    // menu provides the `reginfo` command.
    'module_app menu.so',
    'module_tmp uuid.so',
    'module_tmp account.so',
    '',
  ].join('\n');
}

/** Sends one ctrl_tcp command (a netstring of JSON) and returns the `data` of its answer. */
function ctrlCommand(port: number, command: string, timeoutMs = 3_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`baresip ctrl_tcp gave no answer to ${command} in ${timeoutMs} ms`));
    }, timeoutMs);
    let received = '';
    socket.on('connect', () => {
      const json = JSON.stringify({ command, token: 'test' });
      socket.write(`${Buffer.byteLength(json)}:${json},`);
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      const colon = received.indexOf(':');
      const length = Number(received.slice(0, colon));
      if (colon < 0 || received.length < colon + 1 + length) return;
      clearTimeout(timer);
      socket.end();
      const answer = JSON.parse(received.slice(colon + 1, colon + 1 + length)) as { ok: boolean; data: string };
      if (answer.ok) resolve(answer.data);
      else reject(new Error(`baresip refused ${command}: ${answer.data}`));
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Starts baresip with one account (`<sip:user@host:port>;auth_pass=…`) in its own config folder `dir`. */
export async function startBaresip(dir: string, account: BaresipAccount): Promise<Baresip> {
  const [sipPort, ctrlPort] = [await freeSipPort(), await freeSipPort()];
  writeFileSync(join(dir, 'config'), config(sipPort, ctrlPort));
  const { user, password, registrar } = account;
  writeFileSync(join(dir, 'accounts'), `<sip:${user}@${registrar.host}:${registrar.port}>;auth_pass=${password};regint=600\n`);
  const child = startProcess('baresip', ['-f', dir]);
  await child.waitFor(/baresip is ready\./, 10_000).catch(async (error: unknown) => {
    await child.stop('SIGKILL');
    throw error;
  });
  return { process: child, sipPort, reginfo: () => ctrlCommand(ctrlPort, 'reginfo') };
}
