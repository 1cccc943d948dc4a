import { describe, expect, it } from 'vitest';
import { computeDigestResponse, computeHa1 } from '../../../main/pbx/sip/digest/digest-algorithm';
import { DigestServer, type DigestUser } from '../../../main/pbx/sip/digest/digest-server';
import { NonceManager } from '../../../main/pbx/sip/digest/nonce-manager';
import { parseAuthHeader } from '../../../main/pbx/sip/digest/auth-params';
import { basicRequest } from '../../support/sip-message-builder';

describe('digest computation', () => {
  // RFC 7616 §3.9.1: the same credentials under MD5 and SHA-256.
  const rfc = {
    username: 'Mufasa',
    realm: 'http-auth@example.org',
    password: 'Circle of Life',
    method: 'GET',
    uri: '/dir/index.html',
    nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
    nc: '00000001',
    cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  };
  it.each([
    ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
    ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
  ] as const)('matches the RFC 7616 example for %s', (algorithm, expected) => {
    const ha1 = computeHa1(algorithm, rfc.username, rfc.realm, rfc.password);
    expect(computeDigestResponse({ algorithm, ha1, nonce: rfc.nonce, method: rfc.method, uri: rfc.uri, qop: 'auth', nc: rfc.nc, cnonce: rfc.cnonce })).toBe(expected);
  });
});

describe('digest server', () => {
  const realm = 'dialtone-test';
  const password = 'correct-horse-1';
  const users: Record<string, DigestUser> = {
    '1001': { ha1: { MD5: computeHa1('MD5', '1001', realm, password), 'SHA-256': computeHa1('SHA-256', '1001', realm, password) }, algorithms: ['MD5', 'SHA-256'] },
    '1002': { ha1: { MD5: computeHa1('MD5', '1002', realm, password), 'SHA-256': computeHa1('SHA-256', '1002', realm, password) }, algorithms: ['SHA-256'] },
  };
  let clock = 1_000_000_000;
  const nonces = new NonceManager(300, () => clock);
  const server = new DigestServer({ realm, nonces, defaultAlgorithms: ['MD5', 'SHA-256'], lookup: (u) => users[u] });

  function challenge(identity: string) {
    const outcome = server.authenticate(basicRequest('REGISTER'), 'authorization', identity);
    if (outcome.ok) throw new Error('expected a challenge');
    return outcome.challenges.map((c) => parseAuthHeader(c));
  }

  function authorization(user: string, pw: string, algorithm: 'MD5' | 'SHA-256', nonce: string, nc = '00000001', uri = 'sip:127.0.0.1') {
    const ha1 = computeHa1(algorithm, user, realm, pw);
    const response = computeDigestResponse({ algorithm, ha1, nonce, method: 'REGISTER', uri, qop: 'auth', nc, cnonce: 'abc' });
    return `Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=${algorithm}, qop=auth, nc=${nc}, cnonce="abc"`;
  }

  function attempt(value: string, identity = '1001') {
    return server.authenticate(basicRequest('REGISTER', 'z9hG4bK-a', [`Authorization: ${value}`]), 'authorization', identity);
  }

  it('offers the configured algorithms in order, with qop=auth, one nonce', () => {
    const offered = challenge('1001');
    expect(offered.map((c) => c.params.get('algorithm'))).toEqual(['MD5', 'SHA-256']);
    expect(new Set(offered.map((c) => c.params.get('nonce'))).size).toBe(1);
    expect(offered[0]?.params.get('qop')).toBe('auth');
    expect(challenge('1002').map((c) => c.params.get('algorithm'))).toEqual(['SHA-256']);
  });

  it('accepts MD5 and SHA-256 answers, with the uri the client hashed (SIPp writes sip:host:port)', () => {
    const nonce = challenge('1001')[0]!.params.get('nonce')!;
    expect(attempt(authorization('1001', password, 'MD5', nonce, '00000001', 'sip:127.0.0.1:5060'))).toMatchObject({ ok: true, username: '1001', algorithm: 'MD5' });
    expect(attempt(authorization('1001', password, 'SHA-256', nonce, '00000002'))).toMatchObject({ ok: true, algorithm: 'SHA-256' });
  });

  it('rejects a replayed nonce-count, a wrong password, an unknown user and an algorithm the user may not use', () => {
    const nonce = challenge('1001')[0]!.params.get('nonce')!;
    const good = authorization('1001', password, 'MD5', nonce);
    expect(attempt(good).ok).toBe(true);
    expect(attempt(good)).toMatchObject({ ok: false, failure: 'rejected' });
    const fresh = challenge('1001')[0]!.params.get('nonce')!;
    expect(attempt(authorization('1001', 'wrong-password', 'MD5', fresh))).toMatchObject({ ok: false, failure: 'rejected' });
    expect(attempt(authorization('9999', password, 'MD5', fresh), '9999')).toMatchObject({ ok: false, failure: 'rejected' });
    expect(attempt(authorization('1002', password, 'MD5', fresh), '1002')).toMatchObject({ ok: false, failure: 'rejected' });
  });

  it('answers a correct response on an expired nonce with stale=true, not as an attack', () => {
    const nonce = challenge('1001')[0]!.params.get('nonce')!;
    clock += 301_000;
    const outcome = attempt(authorization('1001', password, 'MD5', nonce));
    expect(outcome).toMatchObject({ ok: false, failure: 'stale' });
    expect(outcome.ok ? [] : outcome.challenges.every((c) => c.endsWith('stale=true'))).toBe(true);
  });

  it('rejects forged nonces and treats other schemes as no credentials (regaut01)', () => {
    expect(attempt(authorization('1001', password, 'MD5', 'A'.repeat(27)))).toMatchObject({ ok: false, failure: 'rejected' });
    expect(attempt('NoOneKnowsThisScheme opaque-data=here')).toMatchObject({ ok: false, failure: 'missing' });
  });

  it('gives an unknown user and a known user the same challenge shape', () => {
    const known = challenge('1001');
    const unknown = challenge('nobody');
    expect(unknown.map((c) => [...c.params.keys()])).toEqual(known.map((c) => [...c.params.keys()]));
    expect(unknown[0]!.params.get('nonce')!.length).toBe(known[0]!.params.get('nonce')!.length);
  });
});
