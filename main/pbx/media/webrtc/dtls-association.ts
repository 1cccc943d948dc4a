// One DTLS association (RFC 6347) on a WebRTC leg, for DTLS-SRTP keying
// (RFC 5764): werift's DtlsClient or DtlsServer over a transport whose
// records we feed in and send out ourselves (the leg's socket is shared with
// STUN and SRTP). The handshake yields the peer's certificate, for the
// fingerprint check, and the SRTP master keys of both directions.
//
// werift is imported on first use, in the relay worker only: a relay that
// never sees a browser does not load it.

import type { AddressInfo } from 'node:net';
import type * as WeriftModule from 'werift';
import type { DtlsSocket } from 'werift';
import type { DtlsCertificate } from './dtls-certificate';
import { MASTER_KEY_BYTES, MASTER_SALT_BYTES, type SrtpMasterKeys } from './srtp-key-derivation';

type Werift = typeof WeriftModule;
let werift: Promise<Werift> | undefined;

/** Loads werift once per thread; the first call starts loading (a few hundred ms). */
function loadWerift(): Promise<Werift> {
  werift ??= import('werift');
  return werift;
}

/** client = a=setup:active, server = a=setup:passive (RFC 5763 §5). */
export type DtlsRole = 'client' | 'server';

export interface DtlsResult {
  /** The peer's certificate (DER), to hash against its a=fingerprint. */
  peerCertificate: Buffer;
  /** What we send with (local) and receive with (remote). */
  local: SrtpMasterKeys;
  remote: SrtpMasterKeys;
}

export interface DtlsEvents {
  connected(result: DtlsResult): void;
  failed(reason: string): void;
}

/** Records that come while werift loads wait here; a handshake flight is a few records. */
const MAX_QUEUED_RECORDS = 16;

export class DtlsAssociation {
  private socket: DtlsSocket | undefined;
  private readonly queued: Buffer[] = [];
  private closed = false;
  private settled = false;
  /** werift's transport: it calls send() and reads from onData, which it sets itself. */
  private readonly transport = {
    type: 'udp',
    address: {} as AddressInfo,
    closed: false,
    onData: (_data: Buffer): void => undefined,
    send: async (data: Buffer): Promise<void> => {
      if (!this.closed) this.send(data);
    },
    close: async (): Promise<void> => undefined,
  };

  constructor(
    readonly role: DtlsRole,
    certificate: DtlsCertificate,
    private readonly send: (record: Buffer) => void,
    private readonly events: DtlsEvents,
  ) {
    loadWerift().then(
      (module) => this.begin(module, certificate),
      (error: Error) => this.fail(`the DTLS stack did not load: ${error.message}`),
    );
  }

  /** A datagram whose first byte says DTLS (RFC 7983), from the peer. */
  receive(record: Buffer): void {
    if (this.closed) return;
    if (this.socket) this.transport.onData(record);
    else if (this.queued.length < MAX_QUEUED_RECORDS) this.queued.push(record);
  }

  close(): void {
    this.closed = true;
    this.transport.closed = true;
    this.queued.length = 0;
  }

  private begin(module: Werift, certificate: DtlsCertificate): void {
    if (this.closed) return;
    const options = {
      transport: this.transport,
      cert: certificate.certPem,
      key: certificate.keyPem,
      signatureHash: { hash: module.HashAlgorithm.sha256_4, signature: module.SignatureAlgorithm.ecdsa_3 },
      // Only the profile our SRTP implements (RFC 5764 §4.1.2).
      srtpProfiles: [module.ProtectionProfileAes128CmHmacSha1_80],
      extendedMasterSecret: true,
    };
    // As the server we ask for the browser's certificate: its fingerprint is what authenticates it.
    const socket = this.role === 'server' ? new module.DtlsServer({ ...options, certificateRequest: true }) : new module.DtlsClient(options);
    this.socket = socket;
    socket.onConnect.once(() => this.connected(socket));
    const handshakeFailed = (error: Error) => this.fail(`DTLS handshake failed: ${error.message ?? String(error)}`);
    socket.onError.subscribe(handshakeFailed);
    for (const record of this.queued.splice(0)) this.transport.onData(record);
    if (socket instanceof module.DtlsClient) socket.connect().catch(handshakeFailed);
  }

  private connected(socket: DtlsSocket): void {
    if (this.closed || this.settled) return;
    const peerCertificate = socket.remoteCertificate;
    if (socket.srtp.srtpProfile === undefined) return this.fail('the peer agreed to no SRTP profile (use_srtp, RFC 5764 §4.1.1)');
    if (!peerCertificate) return this.fail('the peer sent no certificate');
    this.settled = true;
    const keys = socket.extractSessionKeys(MASTER_KEY_BYTES, MASTER_SALT_BYTES);
    this.events.connected({
      peerCertificate,
      local: { key: keys.localKey as Buffer, salt: keys.localSalt as Buffer },
      remote: { key: keys.remoteKey as Buffer, salt: keys.remoteSalt as Buffer },
    });
  }

  private fail(reason: string): void {
    if (this.closed || this.settled) return;
    this.settled = true;
    this.events.failed(reason);
  }
}
