import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeUdpPorts } from '../calls/free-udp-ports';
import { startSipp, type SippPeer } from '../calls/sipp-peer';
import { freeSipPort } from '../peers/free-port';
import { Uac } from '../uac';
import type { Extension, PhoneOffice } from './phone-office';

/**
 * SIPp as the phone of `extension`: it cannot REGISTER and then act as a UAS
 * in one scenario, so the test registers from the very UDP port SIPp then
 * binds (the engine sends its INVITE to where the REGISTER came from).
 */
export async function startSippCallee(
  office: PhoneOffice,
  extension: Extension,
  options: { scenario: string; keys?: Record<string, string>; timeoutSeconds?: number },
): Promise<SippPeer> {
  const engine = { host: '127.0.0.1', port: await office.sipPort() };
  const sipPort = await freeSipPort();
  const uac = await Uac.open('udp', engine, sipPort);
  try {
    const registered = await uac.register(extension.number, extension.password, { contact: `<sip:${extension.number}@127.0.0.1:${sipPort}>`, expires: 300 });
    if (registered.status !== 200) throw new Error(`REGISTER of ${extension.number} got ${registered.status} ${registered.reason}`);
  } finally {
    uac.close();
  }
  const peer = startSipp({
    scenario: options.scenario,
    workDir: mkdtempSync(join(tmpdir(), 'dialtone-phone-sipp-')),
    sipPort,
    mediaPort: await freeUdpPorts(4),
    timeoutSeconds: options.timeoutSeconds ?? 30,
    ...(options.keys ? { keys: options.keys } : {}),
  });
  await peer.listening();
  return peer;
}
