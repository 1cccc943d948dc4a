import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../main/pbx/api/contract-dispatch';
import { startTestEngine, type TestEngine } from '../support/in-process-engine';
import { selfSignedCertificate } from '../support/self-signed';
import { Uac } from '../support/uac';

const ADMIN: Caller = { username: 'admin', role: 'admin', origin: 'test' };
let engine: TestEngine;

beforeAll(async () => {
  const { key, cert } = selfSignedCertificate();
  engine = await startTestEngine({ tls: { key, cert }, sip: { addresses: ['127.0.0.1'], port: 0, tlsPort: 0 } });
  await engine.pbx.handlers['extensions.create']({ number: '2001', password: 'tls-test-password' }, ADMIN);
});
afterAll(() => engine.stop());

describe('SIP with a certificate', () => {
  it('registers over TLS (RFC 3261 §26.2) and records the protocol', async () => {
    const tlsPort = engine.pbx.sip.transport.ports().tls;
    expect(tlsPort).toBeGreaterThan(0);
    const client = await Uac.open('tls', { host: '127.0.0.1', port: tlsPort as number });
    const response = await client.register('2001', 'tls-test-password', { contact: '<sip:2001@127.0.0.1:5999;transport=tls>' });
    client.close();
    expect(response.status).toBe(200);
    expect(engine.pbx.location.lookup('2001').some((b) => b.protocol === 'tls')).toBe(true);
  });

  it('registers over secure WebSocket on the HTTPS port (RFC 7118)', async () => {
    const client = await Uac.open('wss', { host: '127.0.0.1', port: engine.httpPort });
    const response = await client.register('2001', 'tls-test-password', { contact: '<sip:wss-phone@uac.invalid;transport=ws>' });
    expect(response.status).toBe(200);
    expect(engine.pbx.location.lookup('2001').some((b) => b.protocol === 'wss')).toBe(true);
    client.close();
  });

  it('serves the API over HTTPS only', async () => {
    await expect(fetch(`http://127.0.0.1:${engine.httpPort}/health`)).rejects.toThrow();
  });
});
