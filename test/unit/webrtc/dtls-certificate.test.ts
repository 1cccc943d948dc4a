// The relay's self-signed DTLS certificate, read back by OpenSSL (node's
// X509Certificate) and by werift, which must accept it for DTLS.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { CipherContext, HashAlgorithm, SignatureAlgorithm } from 'werift';
import { expect, it } from 'vitest';
import { createDtlsCertificate, fingerprintOf } from '../../../main/pbx/media/webrtc/dtls-certificate';

it('is a valid self-signed ECDSA P-256 / SHA-256 certificate, and our fingerprint is OpenSSL’s', () => {
  const now = new Date('2030-06-01T12:00:00Z');
  const certificate = createDtlsCertificate('dialtone', now);
  const x509 = new X509Certificate(certificate.certPem);
  expect(x509.subject).toBe('CN=dialtone');
  expect(x509.issuer).toBe('CN=dialtone');
  expect(x509.verify(x509.publicKey)).toBe(true);
  expect(x509.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
  expect(x509.checkPrivateKey(createPrivateKey(certificate.keyPem))).toBe(true);
  expect(new Date(x509.validFrom).getTime()).toBeLessThan(now.getTime());
  expect(new Date(x509.validTo).getTime()).toBeGreaterThan(now.getTime() + 300 * 86_400_000);
  expect(certificate.fingerprint).toEqual({ algorithm: 'sha-256', value: x509.fingerprint256 });
  expect(fingerprintOf(x509.raw)).toBe(x509.fingerprint256);
});

it('makes a new key and serial number each time (one per engine start)', () => {
  const [a, b] = [createDtlsCertificate(), createDtlsCertificate()];
  expect(a.fingerprint.value).not.toBe(b.fingerprint.value);
  expect(new X509Certificate(a.certPem).serialNumber).not.toBe(new X509Certificate(b.certPem).serialNumber);
});

it('loads into werift’s DTLS cipher context, which signs with it', () => {
  const certificate = createDtlsCertificate();
  const context = new CipherContext(1, certificate.certPem, certificate.keyPem, { hash: HashAlgorithm.sha256_4, signature: SignatureAlgorithm.ecdsa_3 });
  expect(context.localCert).toEqual(new X509Certificate(certificate.certPem).raw);
  expect(context.signatureData(Buffer.from('handshake'), 'sha256').length).toBeGreaterThan(60);
});
