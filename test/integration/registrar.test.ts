import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../main/pbx/api/contract-dispatch';
import { startTestEngine, type TestEngine } from '../support/in-process-engine';
import { Uac, type UacTransport } from '../support/uac';

const ADMIN: Caller = { username: 'admin', role: 'admin', origin: 'test' };
const PASSWORD = 'registrar-test-pw';
let engine: TestEngine;
let sipPort: number;
const uacs: Uac[] = [];

async function uac(transport: UacTransport = 'udp', host = '127.0.0.1'): Promise<Uac> {
  const port = transport === 'ws' ? engine.httpPort : sipPort;
  const client = await Uac.open(transport, { host, port });
  uacs.push(client);
  return client;
}

function bindingsOf(number: string) {
  return engine.pbx.location.lookup(number);
}

beforeAll(async () => {
  engine = await startTestEngine({ sip: { addresses: ['127.0.0.1', '::1'], port: 0 } });
  sipPort = engine.pbx.sip.transport.ports().udp;
  for (const number of ['1001', '1002', '1003', '1004', '1005', '1006', '1007']) {
    await engine.pbx.handlers['extensions.create']({ number, password: PASSWORD }, ADMIN);
  }
});

afterAll(async () => {
  for (const c of uacs) c.close();
  await engine.stop();
});

describe('the registrar (RFC 3261 §10.3)', () => {
  it.each(['udp', 'tcp', 'ws'] as const)('registers over %s with digest and answers with the binding', async (transport) => {
    const client = await uac(transport);
    const response = await client.register('1001', PASSWORD, { contact: `<sip:1001-${transport}@127.0.0.1:${client.localPort || 1};transport=${transport}>`, expires: 600 });
    expect(response.status).toBe(200);
    const mine = response.headerValues('contact').find((c) => c.includes(`1001-${transport}@`));
    expect(mine).toMatch(/;expires=(599|600)$/);
    expect(bindingsOf('1001').find((b) => b.contactUri.includes(`1001-${transport}@`))?.protocol).toBe(transport);
  });

  it('registers over IPv6', async () => {
    const client = await uac('udp', '::1');
    const response = await client.register('1002', PASSWORD, { expires: 600 });
    expect(response.status).toBe(200);
    expect(bindingsOf('1002')[0]?.sourceAddress).toBe('::1');
  });

  it('keeps several contacts, and replaces the oldest beyond the limit', async () => {
    await engine.pbx.handlers['extensions.update']({ number: '1003', maxContacts: 2 }, ADMIN);
    const client = await uac();
    for (const n of [1, 2, 3]) {
      const response = await client.register('1003', PASSWORD, { contact: `<sip:phone${n}@127.0.0.1:500${n}>`, expires: 600 });
      expect(response.status).toBe(200);
    }
    expect(bindingsOf('1003').map((b) => b.contactUri).sort()).toEqual(['sip:phone2@127.0.0.1:5002', 'sip:phone3@127.0.0.1:5003']);
  });

  it('answers a fetch (no Contact) with the current bindings and changes nothing', async () => {
    const client = await uac();
    const before = bindingsOf('1003').length;
    const response = await client.register('1003', PASSWORD, { contacts: [] });
    expect(response.status).toBe(200);
    expect(response.headerValues('contact')).toHaveLength(before);
  });

  it('refuses an interval below Min-Expires with 423, and shortens one above the maximum', async () => {
    const client = await uac();
    const brief = await client.register('1004', PASSWORD, { expires: 10 });
    expect(brief.status).toBe(423);
    expect(brief.header('min-expires')).toBe('60');
    const long = await client.register('1004', PASSWORD, { expires: 999_999 });
    expect(long.status).toBe(200);
    expect(long.header('contact')).toMatch(/;expires=7200$/);
  });

  it('removes everything with Contact: * and Expires: 0, and refuses * with another Expires', async () => {
    const client = await uac();
    await client.register('1005', PASSWORD, { contacts: ['<sip:a@127.0.0.1:6001>', '<sip:b@127.0.0.1:6002>'], expires: 600 });
    expect(bindingsOf('1005')).toHaveLength(2);
    expect((await client.register('1005', PASSWORD, { contacts: ['*'], expires: 600 })).status).toBe(400);
    const cleared = await client.register('1005', PASSWORD, { contacts: ['*'], expires: 0 });
    expect(cleared.status).toBe(200);
    expect(cleared.headerValues('contact')).toEqual([]);
    expect(bindingsOf('1005')).toEqual([]);
  });

  it('keys a binding by +sip.instance and reg-id (RFC 5626), keeping them', async () => {
    const client = await uac();
    const instance = '"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>"';
    await client.register('1006', PASSWORD, { contact: `<sip:1006@127.0.0.1:7001>;+sip.instance=${instance};reg-id=1`, expires: 600 });
    const moved = await client.register('1006', PASSWORD, {
      contact: `<sip:1006@127.0.0.1:7002>;+sip.instance=${instance};reg-id=1`,
      expires: 600,
      extraHeaders: ['Supported: outbound'],
    });
    expect(moved.status).toBe(200);
    expect(moved.header('require')).toBe('outbound');
    const bindings = bindingsOf('1006');
    expect(bindings).toHaveLength(1);
    expect(bindings[0]).toMatchObject({ contactUri: 'sip:1006@127.0.0.1:7002', regId: 1, instanceId: instance });
    expect(moved.header('contact')).toContain('+sip.instance=');
  });

  it('refuses credentials of one extension for another address (403)', async () => {
    const client = await uac();
    const response = await client.register('1007', PASSWORD, { authUser: '1001', contact: '<sip:x@127.0.0.1:7100>' });
    expect(response.status).toBe(403);
    expect(bindingsOf('1007')).toEqual([]);
  });

  it('refuses a REGISTER whose CSeq is not above the binding\'s for the same Call-ID (§10.3 step 7)', async () => {
    const client = await uac();
    client.cseq = 100;
    expect((await client.register('1007', PASSWORD, { contact: '<sip:y@127.0.0.1:7101>' })).status).toBe(200);
    client.cseq = 50;
    const stale = await client.register('1007', PASSWORD, { contact: '<sip:y@127.0.0.1:7101>' });
    expect(stale.status).toBe(400);
    expect(stale.reason).toMatch(/CSeq/);
  });

  it('logs a wrong password as a security event with the source address, and the first challenge not at all', async () => {
    const client = await uac();
    const before = engine.securityLines.length;
    expect((await client.register('1001', 'not-the-password')).status).toBe(401);
    const lines = engine.securityLines.slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/event=auth_failed service=sip proto=udp src=127\.0\.0\.1 port=\d+ user="1001" method=REGISTER/);
  });

  it('locks out an address guessing one extension, with a 403 even for the right password, and logs the lock once', async () => {
    const client = await uac();
    const before = engine.securityLines.length;
    for (let i = 0; i < 10; i++) expect((await client.register('1003', `guess-${i}-wrong`)).status).toBe(401);
    expect((await client.register('1003', PASSWORD)).status).toBe(403);
    const lines = engine.securityLines.slice(before);
    expect(lines.filter((l) => l.includes('event=auth_failed'))).toHaveLength(10);
    expect(lines.filter((l) => l.includes('event=auth_locked'))).toHaveLength(1);
    // Another extension from the same address is not affected.
    expect((await client.register('1002', PASSWORD, { expires: 600 })).status).toBe(200);
  });

  it('drops WebSocket bindings when their connection closes', async () => {
    const client = await uac('ws');
    await client.register('1002', PASSWORD, { contact: '<sip:ws-phone@uac.invalid;transport=ws>', expires: 600 });
    expect(bindingsOf('1002').some((b) => b.contactUri.startsWith('sip:ws-phone@'))).toBe(true);
    client.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(bindingsOf('1002').some((b) => b.contactUri.startsWith('sip:ws-phone@'))).toBe(false);
  });

  it('purges an expired binding on time, from memory and from the store', async () => {
    await engine.pbx.handlers['settings.update']({ sipMinExpires: 1, sipDefaultExpires: 60 }, ADMIN);
    const client = await uac();
    expect((await client.register('1004', PASSWORD, { contact: '<sip:brief@127.0.0.1:7200>', expires: 1 })).status).toBe(200);
    expect(bindingsOf('1004').some((b) => b.contactUri.includes('brief'))).toBe(true);
    await new Promise((r) => setTimeout(r, 2300));
    expect(engine.pbx.location.current('1004').some((b) => b.contactUri.includes('brief'))).toBe(false);
    const rows = engine.pbx.db.prepare("SELECT count(*) AS n FROM bindings WHERE contact_uri LIKE '%brief%'").get() as { n: number };
    expect(rows.n).toBe(0);
  });
});
