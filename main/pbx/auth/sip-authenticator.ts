import type { DigestServer } from '../sip/digest/digest-server';
import type { InboundRequest } from '../sip/transport/flow';
import type { ServerTransaction } from '../sip/transaction/transaction-layer';
import { createResponse } from '../sip/ua/response-builder';
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
  constructor(
    private readonly digest: DigestServer,
    private readonly security: SecurityLog,
  ) {}

  /** The authenticated username, or undefined after answering with a challenge. */
  authenticate(transaction: ServerTransaction, inbound: InboundRequest, kind: ChallengeKind, identity: string | undefined): string | undefined {
    const request = inbound.message;
    const outcome = this.digest.authenticate(request, kind === 'www' ? 'authorization' : 'proxy-authorization', identity);
    if (outcome.ok) return outcome.username;
    if (outcome.failure === 'rejected') {
      const flow = inbound.flow;
      this.security.record({
        kind: 'auth_failed',
        service: 'sip',
        proto: flow.protocol,
        src: flow.remoteAddress,
        port: flow.remotePort,
        user: outcome.username ?? identity ?? '',
        method: request.method,
      });
    }
    const response =
      kind === 'www' ? createResponse(request, 401, 'Unauthorized') : createResponse(request, 407, 'Proxy Authentication Required');
    const header = kind === 'www' ? 'www-authenticate' : 'proxy-authenticate';
    for (const challenge of outcome.challenges) response.addHeader(header, challenge);
    transaction.respond(response);
    return undefined;
  }
}
