import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AttemptGuard, WEB_LOGIN_GUARD } from '../../../main/pbx/auth/attempt-guard';
import { hashPassword } from '../../../main/pbx/auth/password-hash';
import { createSecurityLog, formatSecurityEvent } from '../../../main/pbx/auth/security-log';
import { WebLogin, WRONG_CREDENTIALS } from '../../../main/pbx/auth/web-login';
import { WebSessions } from '../../../main/pbx/auth/web-sessions';
import { openDatabase } from '../../../main/pbx/store/database';
import { UserRepository } from '../../../main/pbx/store/user-repository';
import { ExtensionRepository } from '../../../main/pbx/store/extension-repository';
import { WebSessionRepository } from '../../../main/pbx/store/web-session-repository';
import { ContractError } from '../../../shared/errors';

async function setup() {
  const db = openDatabase(':memory:');
  const users = new UserRepository(db);
  users.create('alice', await hashPassword('correct horse'), 'admin');
  const sessions = new WebSessions(new WebSessionRepository(db), users);
  const lines: string[] = [];
  let now = 1_000_000;
  const guard = new AttemptGuard(WEB_LOGIN_GUARD, () => now);
  const login = new WebLogin(users, new ExtensionRepository(db), sessions, guard, createSecurityLog((l) => lines.push(l)));
  return { login, sessions, lines, advance: (ms: number) => (now += ms) };
}

const from = (address: string) => ({ address, port: 40000, proto: 'http' });

/** The failregex of the shipped fail2ban filter, with <HOST> as a named group. */
function fail2banRegex(): RegExp {
  const line = readFileSync('docs/fail2ban/dialtone.conf', 'utf8').split('\n').find((l) => l.startsWith('failregex'))!;
  return new RegExp(line.replace(/^failregex\s*=\s*/, '').replace('<HOST>', '(?<host>[0-9a-fA-F.:]+)'));
}

async function failure(promise: Promise<unknown>): Promise<ContractError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ContractError);
  return error as ContractError;
}

describe('web sign-in', () => {
  it('opens a session that resolves to the user, and closes it', async () => {
    const { login, sessions } = await setup();
    const { token, user } = await login.signIn('alice', 'correct horse', from('10.0.0.1'));
    expect(user.username).toBe('alice');
    expect(sessions.resolve(token)).toMatchObject({ username: 'alice', role: 'admin' });
    sessions.close(token);
    expect(sessions.resolve(token)).toBeUndefined();
    expect(sessions.resolve('forged')).toBeUndefined();
  });

  it('gives an unknown user and a wrong password the same answer, and logs both for fail2ban', async () => {
    const { login, lines } = await setup();
    const unknown = await failure(login.signIn('mallory', 'x', from('10.0.0.2')));
    const wrong = await failure(login.signIn('alice', 'x', from('10.0.0.2')));
    expect([unknown.code, unknown.message]).toEqual(['E_UNAUTHENTICATED', WRONG_CREDENTIALS]);
    expect([wrong.code, wrong.message]).toEqual([unknown.code, unknown.message]);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(fail2banRegex().exec(line)?.groups?.host).toBe('10.0.0.2');
  });

  it('locks an address out after repeated failures, then lets it try again', async () => {
    const { login, advance } = await setup();
    for (let i = 0; i < 5; i++) await failure(login.signIn('alice', 'guess', from('10.0.0.3')));
    expect((await failure(login.signIn('alice', 'correct horse', from('10.0.0.3')))).code).toBe('E_RATE_LIMITED');
    // Another address is not affected.
    await expect(login.signIn('alice', 'correct horse', from('10.0.0.4'))).resolves.toBeTruthy();
    advance(31_000);
    await expect(login.signIn('alice', 'correct horse', from('10.0.0.3'))).resolves.toBeTruthy();
  });
});

describe('security log lines', () => {
  it('cannot be forged through the user name', () => {
    const line = formatSecurityEvent(
      { kind: 'auth_failed', service: 'sip', proto: 'udp', src: '192.0.2.1', port: 5060, user: 'x" src=10.9.9.9\nfake line' },
      new Date(0),
    );
    expect(line.split('\n')).toHaveLength(2);
    expect(fail2banRegex().exec(line)?.groups?.host).toBe('192.0.2.1');
    expect(line).toContain('user="x??src=10.9.9.9?fake?line"');
  });
});
