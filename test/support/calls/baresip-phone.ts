import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, type StartedProcess } from '../peers/child-process';
import { freeSipPort } from '../peers/free-port';
import type { Endpoint } from '../peers/sip-requests';
import { baresipConfig } from '../peers/baresip-config';
import { BaresipControl } from '../peers/baresip-control';
import { freeUdpPorts } from './free-udp-ports';

export interface BaresipPhoneOptions {
  /** Its own config folder. */
  dir: string;
  user: string;
  password: string;
  registrar: Endpoint;
  /** A mono 16-bit 8 kHz WAV it plays as its microphone (aufile). */
  sourceWav: string;
}

export interface BaresipPhone {
  readonly process: StartedProcess;
  readonly control: BaresipControl;
  /** WAV files the sndfile module wrote: per call, what the phone sent (…-enc.wav) and what it received and decoded (…-dec.wav). */
  recordings(): string[];
  stop(): Promise<void>;
}

/**
 * baresip 1.0 as a headless phone, after shared/sip/peers/baresip: loopback
 * only, no sound device, no DNS. Its microphone is a WAV file (aufile); the
 * sndfile module records each call's audio; it answers calls itself
 * (answermode=auto); ctrl_tcp takes `dial` and `hangup`.
 */
export async function startBaresipPhone(options: BaresipPhoneOptions): Promise<BaresipPhone> {
  const [sipPort, ctrlPort, rtpPorts] = [await freeSipPort(), await freeSipPort(), await freeUdpPorts(10)];
  const recordingsDir = join(options.dir, 'recordings');
  const config = baresipConfig({
    sipPort,
    ctrlPort,
    audio: [
      `audio_source aufile,${options.sourceWav}`,
      // aufile insists on the file's own format: 8 kHz mono, as G.711 carries it.
      'ausrc_srate 8000',
      'ausrc_channels 1',
      'auplay_srate 8000',
      'auplay_channels 1',
      `rtp_ports ${rtpPorts}-${rtpPorts + 9}`,
      'rtp_timeout 0',
      `snd_path ${recordingsDir}`,
    ],
    modules: ['aufile.so', 'sndfile.so'],
  });
  writeFileSync(join(options.dir, 'config'), config);
  const { user, password, registrar } = options;
  writeFileSync(join(options.dir, 'accounts'), `<sip:${user}@${registrar.host}:${registrar.port}>;auth_pass=${password};answermode=auto;regint=600\n`);
  mkdirSync(recordingsDir);

  const child = startProcess('baresip', ['-f', options.dir]);
  try {
    await child.waitFor(/baresip is ready\./, 10_000);
    const control = await BaresipControl.connect(ctrlPort);
    return {
      process: child,
      control,
      recordings: () => readdirSync(recordingsDir).map((f) => join(recordingsDir, f)),
      async stop() {
        control.close();
        await child.stop();
      },
    };
  } catch (error) {
    await child.stop('SIGKILL');
    throw error;
  }
}
