// A trunk registering with a provider that demands digest (SIPp checking the
// answer with <verifyauth>, on its own loopback address): it registers,
// refreshes before the granted expiry, and with wrong credentials stops after
// one challenge round instead of hammering the provider.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../support/in-process-engine';
import { TempDirs } from '../../support/peers/temp-dir';
import { waitUntil } from '../../support/peers/wait-until';
import { startProvider, type Provider } from '../../support/trunks/provider-sipp';
import { ADMIN, PROVIDER_ACCOUNT, providerTrunk, removeTrunksAndRoutes, trunkStatusWhen } from '../../support/trunks/provider-trunk';

/** What the provider grants, far below the 60 s we ask for: the client must follow the grant. */
const GRANTED_SECONDS = 10;

let engine: TestEngine;
const temp = new TempDirs();
const providers: Provider[] = [];

beforeAll(async () => {
  engine = await startTestEngine();
});
afterEach(async () => {
  await removeTrunksAndRoutes(engine.pbx.handlers);
  await Promise.all(providers.splice(0).map((p) => p.stop()));
});
afterAll(async () => {
  await engine?.stop();
  temp.removeAll();
});

async function registrar(): Promise<Provider> {
  const started = await startProvider({
    scenario: 'provider-registrar.xml',
    address: '127.0.0.2',
    workDir: temp.make('provider'),
    keys: { ...PROVIDER_ACCOUNT, granted: String(GRANTED_SECONDS) },
    timeoutSeconds: 60,
  });
  providers.push(started);
  return started;
}

const withCredentials = (provider: Provider) => provider.received('REGISTER').filter((m) => /^Authorization:/im.test(m.text));

it('registers with digest and refreshes before the granted expiry', async () => {
  const provider = await registrar();
  await engine.pbx.handlers['trunks.create'](providerTrunk('main', provider, { registrationExpires: 60, qualify: false }), ADMIN);

  const registered = await trunkStatusWhen(engine.pbx.handlers, 'main', (s) => s.state === 'registered', 5_000);
  const first = registered.updatedAt;
  expect(registered).toMatchObject({ detail: 'registered with 127.0.0.2', lastResponse: '200 OK' });
  // Registered for the grant (10 s, in our Contact's expires), not the 60 s asked for.
  expect(registered.registeredUntil).toBeGreaterThan(first + GRANTED_SECONDS * 1000 - 50);
  expect(registered.registeredUntil).toBeLessThanOrEqual(first + GRANTED_SECONDS * 1000);

  // The refresh comes before the 10 s run out, and authenticates again.
  const refreshed = await waitUntil('a second REGISTER with credentials', () => (withCredentials(provider).length >= 2 ? Date.now() : undefined), GRANTED_SECONDS * 1000, 50);
  expect(refreshed - first).toBeGreaterThan(GRANTED_SECONDS * 500);
  expect(refreshed - first).toBeLessThan(GRANTED_SECONDS * 1000);
  const renewed = await trunkStatusWhen(engine.pbx.handlers, 'main', (s) => s.state === 'registered' && s.updatedAt > first, 2_000);
  expect(renewed.registeredUntil).toBeGreaterThan(first + GRANTED_SECONDS * 1000);

  const requests = provider.received('REGISTER');
  expect(requests.map((m) => /^Expires:\s*(\d+)/im.exec(m.text)?.[1])).toEqual(requests.map(() => '60'));
  const answers = withCredentials(provider).map((m) => /^Authorization:.*$/im.exec(m.text)?.[0] ?? '');
  for (const answer of answers) expect(answer).toMatch(/username="office-trunk", realm="provider\.test"/);
  // Every round is one plain REGISTER and one with credentials: nothing extra.
  expect(requests).toHaveLength(2 * answers.length);
  expect(provider.errors()).toBe('');
}, 30_000);

it('with a wrong password: a status that says so, and no retry storm', async () => {
  const provider = await registrar();
  await engine.pbx.handlers['trunks.create'](providerTrunk('wrong', provider, { registrationExpires: 60, qualify: false }, 'not-the-password'), ADMIN);

  const failed = await trunkStatusWhen(engine.pbx.handlers, 'wrong', (s) => s.state === 'failed', 5_000);
  expect(failed.detail).toBe('127.0.0.2 refused the username or password (401); check them, then test the trunk');
  expect(failed.lastResponse).toBe('401 Unauthorized');
  // The next try is a long pause away (30 min, ± 20 %), never a loop.
  expect(failed.nextAttemptAt).toBeGreaterThan(failed.updatedAt + 20 * 60_000);

  // Over 10 s the provider sees one challenge round: the plain REGISTER and the one with the wrong answer.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  expect(provider.received('REGISTER')).toHaveLength(2);
  expect(withCredentials(provider)).toHaveLength(1);
  expect((await trunkStatusWhen(engine.pbx.handlers, 'wrong', () => true, 1_000)).state).toBe('failed');
}, 30_000);

it('removing the trunk unregisters it, answering the challenge (no binding left at the provider)', async () => {
  const provider = await registrar();
  await engine.pbx.handlers['trunks.create'](providerTrunk('leaving', provider, { registrationExpires: 60, qualify: false }), ADMIN);
  await trunkStatusWhen(engine.pbx.handlers, 'leaving', (s) => s.state === 'registered', 5_000);
  await engine.pbx.handlers['trunks.remove']({ name: 'leaving' }, ADMIN);
  const unregister = await waitUntil(
    'an authenticated REGISTER with Expires: 0',
    () => withCredentials(provider).find((m) => /^Expires:\s*0\s*$/im.test(m.text)),
    5_000,
    50,
  );
  expect(unregister.text).toMatch(/^Authorization: Digest username="office-trunk"/im);
}, 30_000);
