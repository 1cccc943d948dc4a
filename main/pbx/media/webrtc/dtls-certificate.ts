// The relay's DTLS certificate: self-signed, ECDSA P-256 with SHA-256, as
// browsers make theirs. WebRTC peers do not check who signed it, only that
// it hashes to the a=fingerprint of our SDP (RFC 8122 §5), so one made at
// start-up serves every call. Built here with node:crypto (a small DER
// encoder) rather than with a library, so the main thread loads no DTLS stack.

import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface DtlsCertificate {
  certPem: string;
  /** PKCS#8. */
  keyPem: string;
  /** a=fingerprint (RFC 8122): the certificate's SHA-256, upper-case hex pairs joined by colons. */
  fingerprint: { algorithm: 'sha-256'; value: string };
}

const VALIDITY_DAYS = 365;
const DAY_MS = 86_400_000;

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const length = body.length;
  const lengthBytes = length < 0x80 ? Buffer.from([length]) : length < 0x100 ? Buffer.from([0x81, length]) : Buffer.from([0x82, length >> 8, length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), lengthBytes, body]);
}

const sequence = (...content: Buffer[]) => der(0x30, ...content);
const set = (...content: Buffer[]) => der(0x31, ...content);
const integer = (bytes: Buffer) => der(0x02, bytes);
const utf8 = (text: string) => der(0x0c, Buffer.from(text, 'utf8'));
/** UTCTime YYMMDDHHMMSSZ (RFC 5280 §4.1.2.5.1: years before 2050). */
const utcTime = (date: Date) => der(0x17, Buffer.from(date.toISOString().replace(/^\d\d(\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d).*$/, '$1$2$3$4$5$6Z')));

/** 1.2.840.10045.4.3.2, ecdsa-with-SHA256 (RFC 5758 §3.2: no parameters). */
const ECDSA_WITH_SHA256 = sequence(der(0x06, Buffer.from([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02])));
/** 2.5.4.3, commonName. */
const COMMON_NAME = der(0x06, Buffer.from([0x55, 0x04, 0x03]));

export function fingerprintOf(certificateDer: Buffer): string {
  return createHash('sha256').update(certificateDer).digest('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:');
}

export function createDtlsCertificate(commonName = 'dialtone', now = new Date()): DtlsCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const serial = randomBytes(8);
  serial[0]! &= 0x7f; // a positive INTEGER (RFC 5280 §4.1.2.2)
  const name = sequence(set(sequence(COMMON_NAME, utf8(commonName))));
  const tbs = sequence(
    der(0xa0, integer(Buffer.from([2]))), // version v3
    integer(serial),
    ECDSA_WITH_SHA256,
    name,
    sequence(utcTime(new Date(now.getTime() - DAY_MS)), utcTime(new Date(now.getTime() + VALIDITY_DAYS * DAY_MS))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = sequence(tbs, ECDSA_WITH_SHA256, der(0x03, Buffer.from([0]), signature));
  const base64 = certificate.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd();
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    fingerprint: { algorithm: 'sha-256', value: fingerprintOf(certificate) },
  };
}
