import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../main/pbx/api/contract-dispatch';
import { startTestEngine, type TestEngine } from '../support/in-process-engine';
import { Uac } from '../support/uac';

const ADMIN: Caller = { username: 'admin', role: 'admin', origin: 'test' };
const ANN: Caller = { username: '2001', role: 'user', origin: 'test' };
const BOB: Caller = { username: '2002', role: 'user', origin: 'test' };
let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine();
  for (const [number, name] of [['2001', 'Ann'], ['2002', 'Bob']]) {
    await engine.pbx.handlers['extensions.create']({ number: number as string, name, password: 'directory-test-pw' }, ADMIN);
  }
});
afterAll(() => engine.stop());

describe('contacts', () => {
  it('keep company contacts for everyone and personal ones private', async () => {
    const h = engine.pbx.handlers;
    const company = await h['contacts.save']({ name: 'Plumber', number: '+1 415 555 0100', company: 'Pipes Inc', email: '', shared: true }, ADMIN);
    const annsOwn = await h['contacts.save']({ name: 'Mum', number: '0207 946 0000', company: '', email: '', shared: false }, ANN);
    expect((await h['contacts.list']({}, ANN)).map((c) => c.name)).toEqual(['Mum', 'Plumber']);
    expect((await h['contacts.list']({}, BOB)).map((c) => c.name)).toEqual(['Plumber']);
    expect(company.shared).toBe(true);
    expect(annsOwn.shared).toBe(false);
  });

  it('refuse what a person may not do, with the same answer for someone else\'s contact as for none', async () => {
    const dispatch = engine.pbx.dispatch;
    const mine = await engine.pbx.handlers['contacts.save']({ name: 'Dentist', number: '2002', company: '', email: '', shared: false }, ANN);
    expect(await dispatch('contacts.save', { name: 'X', number: '1', shared: true }, BOB)).toMatchObject({ ok: false, err: { code: 'E_FORBIDDEN' } });
    expect(await dispatch('contacts.remove', { id: mine.id }, BOB)).toMatchObject({ ok: false, err: { code: 'E_NOT_FOUND' } });
    expect(await dispatch('contacts.remove', { id: 999_999 }, BOB)).toMatchObject({ ok: false, err: { code: 'E_NOT_FOUND' } });
    expect(await dispatch('contacts.save', { name: '', number: 'not a number' }, ANN)).toMatchObject({
      ok: false,
      err: { code: 'E_VALIDATION', fields: { name: expect.any(String), number: expect.any(String) } },
    });
    expect(await dispatch('contacts.remove', { id: mine.id }, ANN)).toEqual({ ok: true, out: { id: mine.id } });
  });
});

describe('the office directory', () => {
  it('shows names and presence to everyone, and follows registrations live', async () => {
    const pushed: string[][] = [];
    const stop = engine.pbx.events.subscribe((event, payload) => {
      if (event === 'directory.changed') pushed.push((payload as { number: string; presence: string }[]).map((e) => `${e.number}:${e.presence}`));
    });
    expect(await engine.pbx.handlers['directory.list']({}, BOB)).toEqual([
      { number: '2001', name: 'Ann', presence: 'offline' },
      { number: '2002', name: 'Bob', presence: 'offline' },
    ]);
    const phone = await Uac.open('udp', { host: '127.0.0.1', port: engine.pbx.sip.transport.ports().udp });
    expect((await phone.register('2001', 'directory-test-pw')).status).toBe(200);
    phone.close();
    // Pushed once the burst of changes has settled (coalesced).
    await new Promise((r) => setTimeout(r, 500));
    expect(pushed.at(-1)).toEqual(['2001:available', '2002:offline']);
    stop();
  });
});
