import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BRIDGE_PATH } from '../../shared/bridge-protocol';
import { signInCookie, startTestEngine, type TestEngine } from '../support/in-process-engine';

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine();
});
afterAll(async () => {
  await engine.stop();
});

function openBridge(headers: Record<string, string>): Promise<{ ws: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${engine.httpPort}${BRIDGE_PATH}`, { headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode }));
    ws.once('error', () => undefined);
  });
}

function call(ws: WebSocket, id: number, ch: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString());
      if (frame.t === 'res' && frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'req', id, ch, in: input }));
  });
}

describe('the HTTP API', () => {
  it('answers /health with JSON once ready', async () => {
    const response = await fetch(`${engine.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', version: 'test' });
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('never runs open: no session, no bridge', async () => {
    expect((await fetch(`${engine.url}/api/session`)).status).toBe(401);
    expect((await openBridge({})).status).toBe(401);
  });

  it('answers a malformed sign-in with a clear 400, and the engine keeps serving', async () => {
    for (const body of ['{', '[]', '{"username":5}', 'x'.repeat(70_000)]) {
      const response = await fetch(`${engine.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect([400, 413]).toContain(response.status);
      expect(await response.json()).toMatchObject({ code: expect.stringMatching(/^E_/), message: expect.any(String) });
    }
    expect((await fetch(`${engine.url}/health`)).status).toBe(200);
  });

  it('refuses a cross-site sign-in and a cross-site bridge', async () => {
    const response = await fetch(`${engine.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ username: 'admin', password: 'x' }),
    });
    expect(response.status).toBe(403);
    const cookie = await signInCookie(engine.url);
    expect((await openBridge({ cookie, origin: 'http://evil.example' })).status).toBe(403);
  });

  it('carries the contract over the bridge for a signed-in session, and events to every socket', async () => {
    const cookie = await signInCookie(engine.url);
    expect(cookie).toMatch(/^dialtone_session=/);
    const { ws } = await openBridge({ cookie, origin: engine.url });
    const { ws: other } = await openBridge({ cookie, origin: engine.url });
    const event = new Promise((resolve) => other.once('message', (d) => resolve(JSON.parse(d.toString()))));

    expect(await call(ws, 1, 'session.whoami', {})).toEqual({ t: 'res', id: 1, ok: true, out: { username: 'admin', role: 'admin' } });
    expect(await call(ws, 2, 'settings.update', { homeCountry: 'NL' })).toMatchObject({ ok: true, out: { homeCountry: 'NL' } });
    expect(await event).toMatchObject({ t: 'evt', ev: 'settings.changed', data: { homeCountry: 'NL' } });
    expect(await call(ws, 3, 'settings.update', { homeCountry: 'x' })).toMatchObject({ ok: false, err: { code: 'E_VALIDATION' } });
    expect(await call(ws, 4, 'no.such', {})).toMatchObject({ ok: false, err: { code: 'E_UNKNOWN_CHANNEL' } });

    const badFrame = new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
    ws.send('not json');
    expect(await badFrame).toMatchObject({ ok: false, err: { code: 'E_BAD_FRAME' } });

    // Signing out closes the session's sockets with the signed-out code.
    const closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
    const response = await fetch(`${engine.url}/api/session`, { method: 'DELETE', headers: { cookie } });
    expect(response.status).toBe(204);
    expect(await closed).toBe(4401);
    expect((await fetch(`${engine.url}/api/session`, { headers: { cookie } })).status).toBe(401);
    other.close();
  });
});

describe('pushed events respect roles', () => {
  it('a person who is not an administrator gets only their own registrations and nothing of trunks', async () => {
    const admin = { username: 'admin', role: 'admin' as const, origin: 'test' };
    await engine.pbx.handlers['extensions.create']({ number: '3001', password: 'scope-test-pw-1' }, admin);
    const cookie = await signInCookie(engine.url, 'scope-test-pw-1', '3001');
    const { ws } = await openBridge({ cookie, origin: engine.url });
    const received: string[] = [];
    ws.on('message', (d) => received.push(JSON.parse(d.toString()).ev));
    engine.pbx.events.emit('registrations.changed', { number: '3002', registrations: [] });
    engine.pbx.events.emit('trunks.status', { name: 't', state: 'failed', detail: '', lastResponse: null, registeredUntil: null, nextAttemptAt: null, latencyMs: null, updatedAt: 0 });
    engine.pbx.events.emit('registrations.changed', { number: '3001', registrations: [] });
    await new Promise((r) => setTimeout(r, 200));
    expect(received).toEqual(['registrations.changed']);
    ws.close();
  });
});
