// What the signalling thread and a relay worker say about a WebRTC leg: our
// ICE credentials and certificate fingerprint (for our SDP), and the peer's
// (from its SDP).

export interface Fingerprint {
  /** As in a=fingerprint (RFC 8122): 'sha-256', 'sha-1', … */
  algorithm: string;
  /** Hex pairs joined by colons. */
  value: string;
}

/** a=setup (RFC 4145 §4, RFC 5763 §5). */
const DTLS_SETUPS = ['active', 'passive', 'actpass'] as const;
export type DtlsSetup = (typeof DTLS_SETUPS)[number];

export function isDtlsSetup(value: unknown): value is DtlsSetup {
  return (DTLS_SETUPS as readonly unknown[]).includes(value);
}

export interface WebRtcLocalParameters {
  iceUfrag: string;
  icePwd: string;
  fingerprint: Fingerprint & { algorithm: 'sha-256' };
}

export interface WebRtcRemoteParameters {
  iceUfrag: string;
  icePwd: string;
  fingerprints: Fingerprint[];
  /** The peer's a=setup: 'active' makes us the DTLS server, 'passive' or 'actpass' the client. */
  setup: DtlsSetup;
}

export type WebRtcState = 'connected' | 'failed';

/**
 * The SRTP master keys a leg's DTLS handshake gave (RFC 5764 §4.2), as byte
 * arrays (they cross threads). They leave the relay worker only to move a
 * browser's association to another relay leg: an attended transfer re-INVITEs
 * the browser there, and it keeps its DTLS session across the ICE restart.
 */
export interface DtlsSrtpKeys {
  local: { key: Uint8Array; salt: Uint8Array };
  remote: { key: Uint8Array; salt: Uint8Array };
}
