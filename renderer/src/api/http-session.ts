import type { Whoami } from '../../../shared/contract';
import { ContractError, type ContractErrorShape } from '../../../shared/errors';

/** Sign-in for browsers: the engine answers with an HttpOnly session cookie. */
async function request(method: string, body?: unknown): Promise<Response> {
  try {
    return await fetch('/api/session', {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ContractError('E_UNAVAILABLE', 'Cannot reach the engine. Is it running?');
  }
}

async function readError(response: Response): Promise<ContractError> {
  const body = (await response.json().catch(() => undefined)) as ContractErrorShape | undefined;
  return new ContractError(body?.code ?? 'E_INTERNAL', body?.message ?? `The engine answered ${response.status}.`);
}

export async function currentSession(): Promise<Whoami | undefined> {
  const response = await request('GET');
  if (response.status === 401) return undefined;
  if (!response.ok) throw await readError(response);
  return (await response.json()) as Whoami;
}

export async function signIn(username: string, password: string): Promise<Whoami> {
  const response = await request('POST', { username, password });
  if (!response.ok) throw await readError(response);
  return (await response.json()) as Whoami;
}

export async function signOut(): Promise<void> {
  await request('DELETE');
}
