// The test page's phone, bundled for Chromium: sip.js 0.21 (as the app's
// phone uses it) registered over SIP-over-WebSocket, exposed as
// window.phone for the test to drive with page.evaluate. Media is sip.js's own
// (getUserMedia + RTCPeerConnection); remote audio plays in an <audio>.
// This file compiles without the DOM library: the few browser globals it
// touches are typed below.

import { Inviter, Registerer, RegistererState, SessionState, UserAgent, type Invitation, type Session, type Web } from 'sip.js';

interface AudioElement {
  autoplay: boolean;
  srcObject: unknown;
  play(): Promise<void>;
}
interface StatsReport {
  type: string;
  kind?: string;
  [key: string]: unknown;
}
interface PeerConnection {
  getStats(): Promise<{ values(): Iterable<StatsReport>; get(id: string): StatsReport | undefined }>;
  localDescription: { sdp: string } | null;
  remoteDescription: { sdp: string } | null;
}
const page = globalThis as unknown as {
  document: { createElement(tag: 'audio'): AudioElement; body: { appendChild(node: AudioElement): void } };
  phone: unknown;
};

export interface PhoneOptions {
  wsUrl: string;
  extension: string;
  password: string;
  domain: string;
}

export interface PhoneStats {
  /** inbound-rtp of the audio stream: packets, energy and level of what was decoded, and its codec. */
  packetsReceived: number;
  totalAudioEnergy: number;
  audioLevel: number;
  codec: string;
  /** outbound-rtp. */
  packetsSent: number;
  localSdp: string;
  remoteSdp: string;
}

const audio = page.document.createElement('audio');
audio.autoplay = true;
page.document.body.appendChild(audio);

let userAgent: UserAgent | undefined;
let session: Session | undefined;
let autoAnswer = false;
/** The SDP of the last INVITE this phone was sent. */
let lastOffer = '';

const sdhOptions = { constraints: { audio: true, video: false } } as Web.SessionDescriptionHandlerOptions;

function adopt(next: Session): void {
  session = next;
  next.delegate = {
    onSessionDescriptionHandler: (sdh) => {
      audio.srcObject = (sdh as Web.SessionDescriptionHandler).remoteMediaStream;
      void audio.play().catch(() => undefined);
    },
  };
}

function established(target: Session): Promise<void> {
  return new Promise((resolve, reject) => {
    if (target.state === SessionState.Established) return resolve();
    target.stateChange.addListener((state) => {
      if (state === SessionState.Established) resolve();
      if (state === SessionState.Terminated) reject(new Error('the call ended before it was established'));
    });
  });
}

function peerConnection(): PeerConnection {
  const sdh = session?.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  if (!sdh) throw new Error('no call');
  return sdh.peerConnection as unknown as PeerConnection;
}

page.phone = {
  /** Registers over WebSocket with digest credentials; resolves once the registrar said 200. */
  async register(options: PhoneOptions): Promise<void> {
    userAgent = new UserAgent({
      uri: UserAgent.makeURI(`sip:${options.extension}@${options.domain}`),
      authorizationUsername: options.extension,
      authorizationPassword: options.password,
      transportOptions: { server: options.wsUrl },
      logLevel: 'error',
      // No STUN server (sip.js would use a public one): loopback only. A short gathering wait: host candidates come at once.
      sessionDescriptionHandlerFactoryOptions: { iceGatheringTimeout: 300, peerConnectionConfiguration: { iceServers: [] } },
      delegate: {
        onInvite: (invitation: Invitation) => {
          lastOffer = invitation.request.body;
          adopt(invitation);
          if (autoAnswer) void invitation.accept({ sessionDescriptionHandlerOptions: sdhOptions });
        },
      },
    });
    await userAgent.start();
    const registerer = new Registerer(userAgent);
    await new Promise<void>((resolve, reject) => {
      registerer.stateChange.addListener((state) => (state === RegistererState.Registered ? resolve() : undefined));
      registerer.register({ requestDelegate: { onReject: (response) => reject(new Error(`REGISTER: ${response.message.statusCode}`)) } }).catch(reject);
    });
  },

  answerIncoming(): void {
    autoAnswer = true;
  },

  /** Waits for an INVITE (answered or not) and gives its SDP offer. */
  async offerReceived(): Promise<string> {
    while (!lastOffer) await new Promise((resolve) => setTimeout(resolve, 20));
    return lastOffer;
  },

  /** Calls `target` (an extension); resolves once answered. */
  async call(target: string, domain: string): Promise<void> {
    if (!userAgent) throw new Error('not registered');
    const inviter = new Inviter(userAgent, UserAgent.makeURI(`sip:${target}@${domain}`)!, { sessionDescriptionHandlerOptions: sdhOptions });
    adopt(inviter);
    await inviter.invite();
    await established(inviter);
  },

  /** Waits for an incoming call to be established (after answerIncoming). */
  async answered(): Promise<void> {
    while (!session) await new Promise((resolve) => setTimeout(resolve, 20));
    await established(session);
  },

  /**
   * A re-INVITE that holds (a=sendonly) or resumes (sendrecv), as the app's
   * phone does it: sip.js's hold option sets the transceiver to match the SDP.
   * Resolves with the answer's SDP.
   */
  async hold(on: boolean): Promise<string> {
    const current = session;
    if (!current) throw new Error('no call');
    current.sessionDescriptionHandlerOptionsReInvite = { ...sdhOptions, hold: on } as Web.SessionDescriptionHandlerOptions;
    return new Promise((resolve, reject) => {
      void current
        .invite({
          requestDelegate: {
            onAccept: (response) => resolve(response.message.body),
            onReject: (response) => reject(new Error(`re-INVITE: ${response.message.statusCode}`)),
          },
        })
        .catch(reject);
    });
  },

  /** Blind transfer (REFER, RFC 3515) of the current call to `target`; resolves once the REFER is accepted. */
  async transfer(target: string, domain: string): Promise<void> {
    if (!session) throw new Error('no call');
    await new Promise<void>((resolve, reject) => {
      void session!
        .refer(UserAgent.makeURI(`sip:${target}@${domain}`)!, {
          requestDelegate: { onAccept: () => resolve(), onReject: (response) => reject(new Error(`REFER: ${response.message.statusCode}`)) },
        })
        .catch(reject);
    });
  },

  async hangup(): Promise<void> {
    if (session?.state === SessionState.Established) await session.bye();
  },

  async stats(): Promise<PhoneStats> {
    const pc = peerConnection();
    const reports = await pc.getStats();
    const result: PhoneStats = { packetsReceived: 0, totalAudioEnergy: 0, audioLevel: 0, codec: '', packetsSent: 0, localSdp: pc.localDescription?.sdp ?? '', remoteSdp: pc.remoteDescription?.sdp ?? '' };
    for (const report of reports.values()) {
      if (report.kind !== 'audio') continue;
      if (report.type === 'inbound-rtp') {
        result.packetsReceived += Number(report.packetsReceived ?? 0);
        result.totalAudioEnergy += Number(report.totalAudioEnergy ?? 0);
        result.audioLevel = Math.max(result.audioLevel, Number(report.audioLevel ?? 0));
        result.codec = String(reports.get(String(report.codecId))?.mimeType ?? '');
      } else if (report.type === 'outbound-rtp') {
        result.packetsSent += Number(report.packetsSent ?? 0);
      }
    }
    return result;
  },
};
