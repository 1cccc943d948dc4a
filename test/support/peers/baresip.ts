import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baresipConfig } from './baresip-config';
import { BaresipControl } from './baresip-control';
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

/** Starts baresip with one account (`<sip:user@host:port>;auth_pass=…`) in its own config folder `dir`. */
export async function startBaresip(dir: string, account: BaresipAccount): Promise<Baresip> {
  const [sipPort, ctrlPort] = [await freeSipPort(), await freeSipPort()];
  writeFileSync(join(dir, 'config'), baresipConfig({ sipPort, ctrlPort, audio: ['audio_source ausine,440'], modules: ['ausine.so'] }));
  const { user, password, registrar } = account;
  writeFileSync(join(dir, 'accounts'), `<sip:${user}@${registrar.host}:${registrar.port}>;auth_pass=${password};regint=600\n`);
  const child = startProcess('baresip', ['-f', dir]);
  try {
    await child.waitFor(/baresip is ready\./, 10_000);
    const control = await BaresipControl.connect(ctrlPort);
    void child.exited.then(() => control.close());
    return { process: child, sipPort, reginfo: () => control.command('reginfo') };
  } catch (error) {
    await child.stop('SIGKILL');
    throw error;
  }
}
