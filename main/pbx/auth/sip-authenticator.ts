import type { DigestServer } from '../sip/digest/digest-server';
import type { InboundRequest } from '../sip/transport/flow';
import type { ServerTransaction } from '../sip/transaction/transaction-layer';
import { createResponse } from '../sip/ua/response-builder';
import { AttemptGuard, sipAuthGuard } from './attempt-guard';
import type { SecurityLog } from './security-log';

export type ChallengeKind = 'www' | 'proxy';

/**
 * Digest authentication of requests from extensions, with one behaviour for
 * every method: 401 (WWW-Authenticate) for requests to the registrar, 407
 * (Proxy-Authenticate) for requests we route. Unknown users and wrong
 * passwords get byte-identical challenges; each rejection is one line in the
 * security log with the socket's source address.
 */
export class SipAuthenticator {
  private guard: AttemptGuard | undefined;
  private guardLimit = -1;

  constructor(
    private readonly digest: DigestServer,
    private readonly security: SecurityLog,
    /** Failed attempts before a lockout; 0 = no lockout (a setting, read per request). */
    private readonly failedAuthLimit: () => number,
    /** The extension a connection was authenticated as when it opened (SIP over WebSocket with a token). */
    private readonly connectionIdentity: (connectionId: number) => string | undefined,
  ) {}

  private currentGuard(): AttemptGuard | undefined {
    const limit = this.failedAuthLimit();
    if (limit !== this.guardLimit) {
      this.guardLimit = limit;
      this.guard = limit > 0 ? new AttemptGuard(sipAuthGuard(limit)) : undefined;
    }
    return this.guard;
  }

  /** The authenticated username, or undefined after answering with a challenge (or 403 while locked out). */
  authenticate(transaction: ServerTransaction, inbound: InboundRequest, kind: ChallengeKind, identity: string | undefined): string | undefined {
    const request = inbound.message;
    const flow = inbound.flow;
    // A connection opened with a token for this very extension needs no digest.
    if (identity !== undefined && flow.connectionId !== undefined && this.connectionIdentity(flow.connectionId) === identity) return identity;
    const event = (k: 'auth_failed' | 'auth_locked', user: string) =>
      this.security.record({ kind: k, service: 'sip', proto: flow.protocol, src: flow.remoteAddress, port: flow.remotePort, user, method: request.method });
    // Locked out: the same 403 whether the extension exists or not, and whatever the credentials.
    const lockKey = `${flow.remoteAddress}|${identity ?? ''}`;
    const guard = this.currentGuard();
    if (guard && guard.retryAfter(lockKey) > 0) {
      transaction.respond(createResponse(request, 403, 'Forbidden (too many failed attempts, try again later)'));
      return undefined;
    }
    const outcome = this.digest.authenticate(request, kind === 'www' ? 'authorization' : 'proxy-authorization', identity);
    if (outcome.ok) {
      guard?.recordSuccess(lockKey);
      return outcome.username;
    }
    if (outcome.failure === 'rejected') {
      const user = outcome.username ?? identity ?? '';
      event('auth_failed', user);
      if (guard?.recordFailure(lockKey)) event('auth_locked', user);
    }
    const response =
      kind === 'www' ? createResponse(request, 401, 'Unauthorized') : createResponse(request, 407, 'Proxy Authentication Required');
    const header = kind === 'www' ? 'www-authenticate' : 'proxy-authenticate';
    for (const challenge of outcome.challenges) response.addHeader(header, challenge);
    transaction.respond(response);
    return undefined;
  }
}
