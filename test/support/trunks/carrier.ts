import { freeUdpPorts } from '../calls/free-udp-ports';
import { SippPortTaken, startSipp, type SippPeer } from '../calls/sipp-peer';
import { freeSipPort } from '../peers/free-port';
import { startKamailioProvider, type KamailioProvider } from './kamailio-provider';
import type { ProviderAddress } from './provider-sipp';
import { PROVIDER_ACCOUNT } from './provider-trunk';

export interface Carrier {
  /** The provider's SIP server, as a trunk names it. */
  readonly provider: KamailioProvider;
  /** The callee behind it (SIPp running provider-far-end-answer.xml with -rtp_echo, for one call). */
  readonly callee: SippPeer;
  stop(): Promise<void>;
}

async function answeringCallee(workDir: string): Promise<SippPeer> {
  for (let attempt = 1; ; attempt++) {
    const peer = startSipp({ scenario: 'provider-far-end-answer.xml', workDir, sipPort: await freeSipPort(), mediaPort: await freeUdpPorts(4), rtpEcho: true, timeoutSeconds: 40 });
    try {
      await peer.listening();
      return peer;
    } catch (error) {
      // Another program took a port between our check and SIPp's bind: pick again.
      if (!(error instanceof SippPortTaken) || attempt === 3) throw error;
    }
  }
}

/**
 * A provider (Kamailio checking digest, PROVIDER_ACCOUNT) with the telephone
 * network behind it: one SIPp UAS that answers the call the provider relays
 * and echoes its media.
 */
export async function startCarrier(address: ProviderAddress, workDir: string): Promise<Carrier> {
  const callee = await answeringCallee(workDir);
  try {
    const provider = await startKamailioProvider({ address, workDir, account: PROVIDER_ACCOUNT, pstn: { host: '127.0.0.1', port: callee.sipPort } });
    return {
      provider,
      callee,
      stop: async () => {
        await provider.stop();
        await callee.process.stop('SIGKILL');
      },
    };
  } catch (error) {
    await callee.process.stop('SIGKILL');
    throw error;
  }
}
