import type { SipAuthenticator } from '../auth/sip-authenticator';
import type { Trunk } from '../../../shared/trunks';
import type { CallController } from '../calls/call-controller';
import type { Registrar } from '../registrar/registrar';
import type { ServerInviteTransaction } from '../sip/transaction/server-invite-transaction';
import type { ServerTransaction, TransactionUser } from '../sip/transaction/transaction-layer';
import type { InboundRequest } from '../sip/transport/flow';
import { isSipUri, unescapePercent } from '../sip/message/uri';
import { createResponse } from '../sip/ua/response-builder';
import { preflightRequest } from '../sip/ua/uas-preflight';
import { PBX_UAS_POLICY } from './uas-policy';

export interface RequestRouterDeps {
  registrar: Registrar;
  authenticator: SipAuthenticator;
  calls: CallController;
  /** The trunk a request came from, by source address: such INVITEs are trusted, not challenged. */
  identifyTrunk(address: string): Trunk | undefined;
}

function reply(transaction: ServerTransaction, inbound: InboundRequest, status: number, reason: string, headers: [string, string][] = []): void {
  const response = createResponse(inbound.message, status, reason);
  for (const [name, value] of headers) response.addHeader(name, value);
  transaction.respond(response);
}

/** Accept lists that admit SDP (sdp01: "Accept: text/nobodyKnowsThis" does not). */
function acceptsSdp(accept: string[]): boolean {
  if (accept.length === 0) return true;
  return accept.some((value) => /^(application\/sdp|application\/\*|\*\/\*)(\s*;.*)?$/i.test(value.trim()));
}

/**
 * The engine's transaction user: the RFC 3261 §8.2 checks, then each method
 * to the part that owns it.
 */
export class RequestRouter implements TransactionUser {
  constructor(private readonly deps: RequestRouterDeps) {}

  onRequest(transaction: ServerTransaction, inbound: InboundRequest): void {
    const request = inbound.message;
    const rejection = preflightRequest(request, PBX_UAS_POLICY);
    if (rejection) return reply(transaction, inbound, rejection.status, rejection.reason, rejection.headers);

    // Inside a dialog (RFC 3261 §12.2.2): the call owns it, or there is no such dialog.
    if (request.toTag !== undefined) {
      if (!this.deps.calls.inDialog(transaction, inbound)) reply(transaction, inbound, 481, 'Call/Transaction Does Not Exist');
      return;
    }
    const target = request.requestUri;
    const forUser = isSipUri(target) && target.user !== undefined;
    // A request we would pass on to a user: stop loops at zero (RFC 3261 §16.3, zeromf).
    if (forUser && request.method !== 'REGISTER' && request.maxForwards === 0) return reply(transaction, inbound, 483, 'Too Many Hops');

    switch (request.method) {
      case 'REGISTER':
        return this.deps.registrar.handle(transaction, inbound);
      case 'OPTIONS':
        return reply(transaction, inbound, 200, 'OK', [
          ['allow', PBX_UAS_POLICY.allowedMethods.join(', ')],
          ['accept', 'application/sdp'],
          ['supported', PBX_UAS_POLICY.supported.join(', ')],
        ]);
      case 'INVITE': {
        if (!acceptsSdp(request.headerValues('accept'))) {
          return reply(transaction, inbound, 406, 'Not Acceptable', [['warning', '399 dialtone "Only application/sdp bodies are supported"']]);
        }
        const trunk = this.deps.identifyTrunk(inbound.flow.remoteAddress);
        if (trunk) return this.deps.calls.startInbound(transaction as ServerInviteTransaction, inbound, trunk);
        const caller = isSipUri(request.from.uri) && request.from.uri.user !== undefined ? unescapePercent(request.from.uri.user) : undefined;
        const user = this.deps.authenticator.authenticate(transaction, inbound, 'proxy', caller);
        if (user === undefined) return;
        return this.deps.calls.startCall(transaction as ServerInviteTransaction, inbound, user);
      }
      default:
        // BYE, UPDATE or INFO outside any dialog we know.
        return reply(transaction, inbound, 481, 'Call/Transaction Does Not Exist');
    }
  }

  onAck(inbound: InboundRequest): void {
    this.deps.calls.ack(inbound);
  }

  onCancel(invite: ServerInviteTransaction): void {
    if (!this.deps.calls.cancel(invite)) invite.respond(createResponse(invite.request, 487, 'Request Terminated'));
  }
}
