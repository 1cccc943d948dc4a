import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Caller, type ChannelHandlers } from '../../../main/pbx/api/contract-dispatch';
import { createSilentLogger } from '../../../main/pbx/logger';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

const admin: Caller = { username: 'admin', role: 'admin', origin: 'test' };
const user: Caller = { username: 'u', role: 'user', origin: 'test' };

function handlers(overrides: Partial<ChannelHandlers> = {}): ChannelHandlers {
  return {
    'engine.status': () => ({
      version: '1',
      startedAt: 'x',
      dataDir: '/d',
      http: { bind: '127.0.0.1', port: 1 },
      sip: { addresses: [], udp: 1, tcp: 1, tls: null, realm: 'r', registrations: 0 },
    }),
    'session.whoami': (_i, caller) => ({ username: caller.username, role: caller.role }),
    'settings.get': () => DEFAULT_SETTINGS,
    'settings.update': (patch) => ({ ...DEFAULT_SETTINGS, ...patch }),
    'extensions.list': () => [],
    'extensions.create': (input) => ({ number: input.number, generatedPassword: null }),
    'extensions.remove': (input) => input,
    'extensions.update': (input) => ({ number: input.number, name: '', digestAlgorithms: null, maxContacts: 5, ringTimeout: 30, registrations: [] }),
    'extensions.import': () => ({ created: 0, generated: [] }),
    'phone.connection': () => ({ available: false as const, reason: 'none' }),
    'trunks.templates': () => [],
    'trunks.list': () => ({ trunks: [], statuses: [] }),
    'trunks.create': () => {
      throw new Error('not in this test');
    },
    'trunks.update': () => {
      throw new Error('not in this test');
    },
    'trunks.remove': (input) => input,
    'trunks.test': () => ({ ok: true, steps: [] }),
    'routes.list': () => ({ outbound: [], inbound: [], policy: { internationalAllowList: [], internationalExtensions: [] } }),
    'routes.saveOutbound': ({ route }) => ({ name: route.name }),
    'routes.removeOutbound': (input) => input,
    'routes.saveInbound': ({ route }) => ({ did: route.did }),
    'routes.removeInbound': (input) => ({ did: input.did }),
    'routes.setPolicy': ({ policy }) => policy,
    'routes.simulate': () => ({ outcome: 'denied' as const, status: 404, explanation: 'none' }),
    'pjsip.export': () => ({ text: '' }),
    'pjsip.import': () => ({ created: 0, skipped: [] }),
    'contacts.list': () => [],
    'contacts.save': (input) => ({ id: 1, name: input.name, number: input.number, company: '', email: '', shared: false }),
    'contacts.remove': (input) => input,
    'directory.list': () => [],
    'calls.active': () => [],
    'calls.history': () => [],
    ...overrides,
  };
}

describe('contract dispatch', () => {
  const dispatch = createDispatcher(handlers(), createSilentLogger());

  it('runs a handler with validated input', async () => {
    expect(await dispatch('settings.update', { homeCountry: 'DE' }, admin)).toEqual({ ok: true, out: { ...DEFAULT_SETTINGS, homeCountry: 'DE' } });
  });

  it('names the field that is wrong', async () => {
    const result = await dispatch('settings.update', { homeCountry: 'germany' }, admin);
    expect(result).toEqual({
      ok: false,
      err: { code: 'E_VALIDATION', message: 'Use a two-letter country code such as US, GB or DE.', fields: { homeCountry: expect.any(String) } },
    });
  });

  it('rejects unknown fields instead of ignoring them', async () => {
    const result = await dispatch('settings.update', { homeCountry: 'DE', isAdmin: true }, admin);
    expect(result).toMatchObject({ ok: false, err: { code: 'E_VALIDATION' } });
  });

  it('keeps administrator channels from other users', async () => {
    expect(await dispatch('settings.update', { homeCountry: 'DE' }, user)).toMatchObject({ ok: false, err: { code: 'E_FORBIDDEN' } });
    expect(await dispatch('settings.get', {}, user)).toMatchObject({ ok: true });
  });

  it('answers an unknown channel with its own code', async () => {
    expect(await dispatch('__proto__', {}, admin)).toMatchObject({ ok: false, err: { code: 'E_UNKNOWN_CHANNEL' } });
    expect(await dispatch('toString', {}, admin)).toMatchObject({ ok: false, err: { code: 'E_UNKNOWN_CHANNEL' } });
  });

  it('hides an internal failure behind E_INTERNAL and logs it', async () => {
    const logger = createSilentLogger();
    const error = vi.spyOn(logger, 'error');
    const failing = createDispatcher(handlers({ 'settings.get': () => { throw new Error('disk on fire at /secret/path'); } }), logger);
    const result = await failing('settings.get', {}, admin);
    expect(result).toEqual({ ok: false, err: { code: 'E_INTERNAL', message: expect.not.stringContaining('secret') } });
    expect(error).toHaveBeenCalledTimes(1);
  });
});
