// A relay leg as a WebRTC endpoint (runs in the relay worker that owns the
// leg's socket): ICE-lite answers the browser's checks and picks where media
// goes, DTLS authenticates the browser by its certificate fingerprint and
// yields the SRTP keys, and the SRTP/SRTCP contexts protect what the relay
// sends and unprotect what it receives. Everything shares the leg's RTP port
// (rtcp-mux, RFC 5761; demultiplexed by packet-demux.ts).

import { createHash } from 'node:crypto';
import { DtlsAssociation, type DtlsResult, type DtlsRole } from './dtls-association';
import type { DtlsCertificate } from './dtls-certificate';
import { IceLiteResponder, type IceCredentials, type TransportAddress } from './ice-lite-responder';
import { SrtcpContext } from './srtcp-context';
import { SrtpContext } from './srtp-context';
import type { DtlsSrtpKeys, Fingerprint, WebRtcRemoteParameters, WebRtcState } from './webrtc-parameters';

interface SrtpContexts {
  rtpIn: SrtpContext;
  rtpOut: SrtpContext;
  rtcpIn: SrtcpContext;
  rtcpOut: SrtcpContext;
}

export type DatagramSender = (packet: Buffer, to: TransportAddress) => void;

/**
 * As the DTLS client we send the first flight once the browser has nominated
 * the pair: it is then listening for DTLS (a hello that comes earlier may be
 * dropped and cost a retransmission, a second or more). A peer that never
 * nominates gets the hello this long after its first valid check.
 */
const UNNOMINATED_CLIENT_START_MS = 300;

const roleFor = (remote: WebRtcRemoteParameters): DtlsRole => (remote.setup === 'active' ? 'server' : 'client');
const normalised = (value: string) => value.replace(/:/g, '').toLowerCase();

/** Whether the certificate hashes to one of the fingerprints the peer's SDP gave (RFC 8122 §5). */
function certificateMatches(certificate: Buffer, fingerprints: readonly Fingerprint[]): boolean {
  return fingerprints.some(({ algorithm, value }) => {
    const hash = algorithm.toLowerCase().replace('-', '');
    try {
      return createHash(hash).update(certificate).digest('hex') === normalised(value);
    } catch {
      return false; // a hash function we do not have
    }
  });
}

const sameFingerprints = (a: readonly Fingerprint[], b: readonly Fingerprint[]) =>
  a.length === b.length && a.every((f, i) => f.algorithm.toLowerCase() === b[i]?.algorithm.toLowerCase() && normalised(f.value) === normalised(b[i]!.value));

export class WebRtcEndpoint {
  private ice: IceLiteResponder;
  private remote: WebRtcRemoteParameters | undefined;
  private dtls: DtlsAssociation | undefined;
  /** Where the current association's first record came from (it must be the peer the SDP names), and the latest one. */
  private dtlsPeer: TransportAddress | undefined;
  private dtlsSource: TransportAddress | undefined;
  /** A finished handshake waiting for the peer's fingerprint (its SDP may come after it). */
  private handshake: DtlsResult | undefined;
  private srtp: SrtpContexts | undefined;
  private clientStartTimer: NodeJS.Timeout | undefined;
  /** The keys came from another leg's association (adopt): no handshake of our own. */
  private adopted = false;

  constructor(
    local: IceCredentials,
    private readonly certificate: DtlsCertificate,
    private readonly send: DatagramSender,
    private readonly onState: (state: WebRtcState, detail: string, keys?: DtlsSrtpKeys) => void,
  ) {
    this.ice = this.responder(local);
  }

  /** The peer's parameters are known: the leg speaks WebRTC (SRTP) rather than plain RTP. */
  get active(): boolean {
    return this.remote !== undefined;
  }

  /** The ICE-selected address of the peer, where media goes. */
  get destination(): TransportAddress | undefined {
    return this.ice.selected;
  }

  /** New local credentials (an ICE restart, RFC 8445 §9): checks start over, DTLS and SRTP go on. */
  restartIce(local: IceCredentials): void {
    this.ice = this.responder(local);
    if (this.remote) this.ice.setRemoteUfrag(this.remote.iceUfrag);
  }

  /**
   * The peer's SDP (an answer to our offer, or its offer we answer). The same
   * parameters again (a re-INVITE for hold) change nothing; a new certificate
   * or DTLS role means a new peer (a transfer): a new DTLS association.
   */
  setRemote(remote: WebRtcRemoteParameters): void {
    const previous = this.remote;
    this.remote = remote;
    this.ice.setRemoteUfrag(remote.iceUfrag);
    const samePeer = previous !== undefined && sameFingerprints(previous.fingerprints, remote.fingerprints) && roleFor(previous) === roleFor(remote);
    // A server started by an early ClientHello (we offered actpass) is kept when the answer says the peer is active,
    // and the hello came from this peer (not from another fork's browser that answered too).
    const earlyServerFits = this.dtls === undefined || (this.dtls.role === roleFor(remote) && this.dtlsPeer !== undefined && this.ice.isChecked(this.dtlsPeer));
    if (previous !== undefined ? !samePeer : !earlyServerFits) this.resetDtls();
    if (this.handshake) this.verify(this.handshake);
    this.startClient();
  }

  /**
   * The peer's parameters and the keys of the association it has with another
   * relay leg (an attended transfer moved it here): SRTP goes on with those
   * keys, and no handshake starts, as the peer keeps its DTLS session.
   */
  adopt(remote: WebRtcRemoteParameters, keys: DtlsSrtpKeys): void {
    this.resetDtls();
    this.remote = remote;
    this.ice.setRemoteUfrag(remote.iceUfrag);
    this.adopted = true;
    this.useKeys(keys);
  }

  receiveStun(packet: Buffer, source: TransportAddress): void {
    const response = this.ice.answer(packet, source);
    if (response) this.send(response, source);
  }

  /**
   * DTLS from any source with valid ICE checks from the peer: a browser may
   * move the handshake to another candidate pair as it nominates one.
   */
  receiveDtls(record: Buffer, source: TransportAddress): void {
    if (!this.ice.isChecked(source) || this.adopted) return;
    if (!this.dtls) {
      // Only a peer that is active (or will say so in its answer to our actpass) starts a handshake with us.
      if (this.remote && roleFor(this.remote) === 'client') return;
      this.startDtls('server', source);
    }
    this.dtlsSource = source;
    this.dtls?.receive(record);
  }

  unprotectRtp(packet: Buffer): Buffer | undefined {
    return this.srtp?.rtpIn.unprotect(packet);
  }

  unprotectRtcp(packet: Buffer): Buffer | undefined {
    return this.srtp?.rtcpIn.unprotect(packet);
  }

  protectRtp(packet: Buffer): Buffer | undefined {
    return this.srtp?.rtpOut.protect(packet);
  }

  protectRtcp(packet: Buffer): Buffer | undefined {
    return this.srtp?.rtcpOut.protect(packet);
  }

  close(): void {
    this.resetDtls();
  }

  private responder(local: IceCredentials): IceLiteResponder {
    return new IceLiteResponder(local, () => this.startClient());
  }

  /** We are the client when the peer said actpass or passive; we start once ICE has a nominated pair (see above). */
  private startClient(evenUnnominated = false): void {
    const selected = this.ice.selected;
    if (!this.remote || roleFor(this.remote) !== 'client' || this.dtls || this.adopted || !selected) return;
    if (!this.ice.nominated && !evenUnnominated) {
      this.clientStartTimer ??= setTimeout(() => this.startClient(true), UNNOMINATED_CLIENT_START_MS);
      return;
    }
    this.startDtls('client', selected);
  }

  private startDtls(role: DtlsRole, peer: TransportAddress): void {
    clearTimeout(this.clientStartTimer);
    this.clientStartTimer = undefined;
    this.dtlsPeer = peer;
    this.dtlsSource = peer;
    // Replies go where ICE selected, or before it has (our offer's answer is still on its way) where the peer's DTLS came from.
    const association = new DtlsAssociation(role, this.certificate, (record) => this.send(record, this.ice.selected ?? this.dtlsSource ?? peer), {
      connected: (result) => {
        if (this.dtls !== association) return;
        this.handshake = result;
        if (this.remote) this.verify(result);
      },
      failed: (reason) => {
        if (this.dtls === association) this.onState('failed', reason);
      },
    });
    this.dtls = association;
  }

  private verify(result: DtlsResult): void {
    this.handshake = undefined;
    const remote = this.remote as WebRtcRemoteParameters;
    if (!certificateMatches(result.peerCertificate, remote.fingerprints)) {
      this.resetDtls();
      this.onState('failed', 'the DTLS certificate does not match the a=fingerprint of the SDP');
      return;
    }
    const keys: DtlsSrtpKeys = { local: result.local, remote: result.remote };
    this.useKeys(keys);
    this.onState('connected', `DTLS ${this.dtls?.role ?? ''}, SRTP_AES128_CM_HMAC_SHA1_80`, keys);
  }

  private useKeys({ local, remote }: DtlsSrtpKeys): void {
    const master = (k: { key: Uint8Array; salt: Uint8Array }) => ({ key: Buffer.from(k.key), salt: Buffer.from(k.salt) });
    this.srtp = {
      rtpIn: new SrtpContext(master(remote)),
      rtpOut: new SrtpContext(master(local)),
      rtcpIn: new SrtcpContext(master(remote)),
      rtcpOut: new SrtcpContext(master(local)),
    };
  }

  private resetDtls(): void {
    clearTimeout(this.clientStartTimer);
    this.clientStartTimer = undefined;
    this.dtls?.close();
    this.dtls = undefined;
    this.dtlsPeer = undefined;
    this.dtlsSource = undefined;
    this.handshake = undefined;
    this.srtp = undefined;
    this.adopted = false;
  }
}
