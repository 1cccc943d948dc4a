import { Dialog } from '../sip/dialog/dialog';
import { DigestClient } from '../sip/digest/digest-client';
import { newCallId } from '../sip/message/random-token';
import { SipRequest, type HeaderField, type SipResponse } from '../sip/message/sip-message';
import type { ClientInviteTransaction } from '../sip/transaction/client-invite-transaction';
import type { SendTarget } from '../sip/transaction/transaction-layer';
import { newTag } from '../sip/ua/response-builder';
import type { MediaKind } from './call-leg';
import type { CallDeps } from './call-types';
import { bestFailure } from './final-response';
import { sendInDialog } from './in-dialog-client';

/** One place to ring: where to send (the binding's flow, or a trunk) and the Request-URI (its Contact). */
export interface RingTarget {
  readonly target: SendTarget;
  readonly requestUri: string;
  /** The trunk this target belongs to, named in the failures we make up for it. */
  readonly trunk?: string | undefined;
  /** A provider that challenges our INVITE (401/407) gets one digest answer (RFC 3261 §22.2). */
  readonly credentials?: { username: string; password: string } | undefined;
  /** Overrides the From and To user@host (trunks: the caller ID and the provider's domain). */
  readonly from?: { user: string; host: string; display?: string } | undefined;
  readonly to?: { user: string; host: string } | undefined;
  /** More headers on the INVITE (P-Asserted-Identity, Remote-Party-ID). */
  readonly headers?: readonly HeaderField[] | undefined;
  /** A browser (a WebSocket contact) gets a WebRTC offer; anything else plain RTP. */
  readonly media: MediaKind;
}

export interface Fork {
  readonly ring: RingTarget;
  invite: SipRequest;
  /** Set once the fork answered a digest challenge, so a second one is a failure. */
  authenticated: boolean;
  transaction: ClientInviteTransaction | undefined;
  dialog: Dialog | undefined;
  failure: { status: number; reason: string } | undefined;
}

export interface ForkEvents {
  /** A 180/183 (with the fork's early dialog if the response had a To tag). */
  onProvisional(fork: Fork, response: SipResponse): void;
  /** The first 2xx; already ACKed. The others are being cancelled. */
  onAnswer(fork: Fork, response: SipResponse): void;
  /** Every fork failed: the best failure to pass on (RFC 3261 §16.7). */
  onAllFailed(best: { status: number; reason: string }): void;
}

export interface ForkIdentity {
  /** Who calls: From user and display name (the calling extension). */
  caller: string;
  callerName: string;
  /** Who is called: To user. */
  callee: string;
  maxForwards: number;
}

const ALLOW = 'INVITE, ACK, CANCEL, BYE, UPDATE, INFO, OPTIONS, REFER, NOTIFY';

/**
 * Rings several targets at once, each with the offer of its kind (parallel
 * forking): the first 2xx wins; every later 2xx is ACKed and hung up (RFC 3261 §13.2.2.4),
 * and the others are cancelled with a Reason (RFC 3326).
 */
export class OutboundForks {
  readonly forks: Fork[] = [];
  winner: Fork | undefined;
  private closed = false;

  constructor(
    private readonly deps: CallDeps,
    private readonly events: ForkEvents,
    /**
     * A fork we could not send to: 480 for a phone that went away without
     * unregistering; 503 (RFC 3261 §8.1.3.1) for a trunk, so failover moves on.
     */
    private readonly unreachable: { status: number; reason: string } = { status: 480, reason: 'Temporarily Unavailable' },
  ) {}

  ring(rings: readonly RingTarget[], identity: ForkIdentity, offerFor: (ring: RingTarget) => Buffer): void {
    for (const ring of rings) this.start(ring, identity, offerFor(ring));
  }

  private start(ring: RingTarget, identity: ForkIdentity, offer: Buffer): void {
    const contact = this.deps.contactFor(ring.target);
    const host = contact.replace(/^<sip:[^@]+@([^;>]+).*$/, '$1');
    const fromDisplay = ring.from?.display ?? identity.callerName;
    const display = fromDisplay ? `"${fromDisplay.replace(/["\\]/g, '')}" ` : '';
    const from = ring.from ?? { user: identity.caller, host };
    const to = ring.to ?? { user: identity.callee, host };
    const invite = new SipRequest(
      'INVITE',
      ring.requestUri,
      [
        { name: 'max-forwards', value: String(identity.maxForwards) },
        { name: 'from', value: `${display}<sip:${from.user}@${from.host}>;tag=${newTag()}` },
        { name: 'to', value: `<sip:${to.user}@${to.host}>` },
        { name: 'call-id', value: newCallId() },
        { name: 'cseq', value: '1 INVITE' },
        { name: 'contact', value: contact },
        { name: 'allow', value: ALLOW },
        { name: 'supported', value: 'timer' },
        ...(ring.headers ?? []),
        { name: 'content-type', value: 'application/sdp' },
      ],
      offer,
    );
    const fork: Fork = { ring, invite, authenticated: false, transaction: undefined, dialog: undefined, failure: undefined };
    this.forks.push(fork);
    this.send(fork);
  }

  private send(fork: Fork): void {
    fork.transaction = this.deps.transactions.sendInvite(fork.invite, fork.ring.target, {
      onResponse: (response) => this.onResponse(fork, response),
      onTimeout: () => this.onFailure(fork, 408, 'Request Timeout'),
      onTransportError: () => this.onFailure(fork, this.unreachable.status, this.unreachable.reason),
    });
  }

  /** A provider's challenge: the same INVITE with credentials, CSeq + 1, in a new transaction (RFC 3261 §22.2). */
  private answerChallenge(fork: Fork, response: SipResponse): boolean {
    const credentials = fork.ring.credentials;
    if (!credentials || fork.authenticated || this.closed) return false;
    const header = response.status === 401 ? 'www-authenticate' : 'proxy-authenticate';
    const answer = new DigestClient(credentials).answer(response.headerValues(header), { method: 'INVITE', uri: fork.invite.uri, body: fork.invite.body });
    if (!answer) return false;
    const retry = new SipRequest(
      'INVITE',
      fork.invite.uri,
      fork.invite.headers
        .filter((h) => h.name !== 'via' && h.name !== 'authorization' && h.name !== 'proxy-authorization')
        .map((h) => (h.name === 'cseq' ? { name: 'cseq', value: `${fork.invite.cseq.seq + 1} INVITE` } : { ...h })),
      fork.invite.body,
    );
    retry.addHeader(response.status === 401 ? 'authorization' : 'proxy-authorization', answer);
    fork.invite = retry;
    fork.authenticated = true;
    this.send(fork);
    return true;
  }

  private onResponse(fork: Fork, response: SipResponse): void {
    if (response.status < 200) {
      if (response.status > 100 && !this.winner && !this.closed) this.events.onProvisional(fork, response);
      return;
    }
    if (response.status === 401 || response.status === 407) {
      if (this.answerChallenge(fork, response)) return;
      // The challenge is for our leg: passed on, it would ask the caller for credentials it cannot have
      // (a B2BUA is the UAC here, RFC 3261 §22.3). It is a failure of the path, not of the callee.
      const who = fork.ring.trunk ? `trunk ${fork.ring.trunk}` : 'the callee';
      return this.onFailure(fork, 503, `Service Unavailable (${who} ${fork.ring.credentials ? 'refused our credentials' : 'asked for credentials'}: ${response.status})`);
    }
    if (response.status >= 300) return this.onFailure(fork, response.status, response.reason);
    fork.dialog ??= this.dialogOf(fork, response);
    // Every 2xx is ACKed, retransmissions too; a late one from a losing fork then gets a BYE.
    this.deps.transactions.sendStateless(fork.dialog.ack(fork.invite.cseq.seq), fork.ring.target);
    if (this.winner === fork) return;
    if (this.winner || this.closed) {
      void sendInDialog(this.deps.transactions, fork.dialog, fork.dialog.request('BYE'));
      return;
    }
    this.winner = fork;
    this.cancelOthers(fork, 'SIP;cause=200;text="Call completed elsewhere"');
    this.events.onAnswer(fork, response);
  }

  /**
   * A phone is reached over the flow it registered from (its NAT binding); a
   * trunk where its answer says: Record-Route, else Contact (RFC 3261 §12.2.1.1).
   */
  private dialogOf(fork: Fork, response: SipResponse): Dialog {
    const dialog = Dialog.asUac(fork.invite, response, this.deps.contactFor(fork.ring.target), fork.ring.target);
    dialog.peerIsServer = fork.ring.trunk !== undefined;
    dialog.reachVia(fork.ring.target);
    return dialog;
  }

  private onFailure(fork: Fork, status: number, reason: string): void {
    fork.failure ??= { status, reason };
    if (this.winner || this.closed || this.forks.some((f) => !f.failure)) return;
    this.closed = true;
    this.events.onAllFailed(bestFailure(this.forks.map((f) => f.failure as { status: number; reason: string })));
  }

  /** Stops ringing everywhere but `except` (RFC 3326 Reason tells phones why). */
  cancelOthers(except: Fork | undefined, reason?: string): void {
    for (const fork of this.forks) {
      if (fork !== except && fork.transaction && !fork.failure) this.deps.transactions.cancel(fork.transaction, reason);
    }
  }

  /** Gives up: no fork may win any more; pending ones are cancelled. */
  close(reason?: string): void {
    this.closed = true;
    this.cancelOthers(undefined, reason);
  }
}
