import type { ActiveCall, CallRecord } from '../../../shared/call-records';
import type { EngineEvents } from '../engine-events';
import type { LocationService } from '../registrar/location-service';
import type { InboundRoute } from '../../../shared/routing';
import type { Trunk } from '../../../shared/trunks';
import { resolveDialTarget } from '../routing/dial-target';
import { emergencyNumbers } from '../routing/emergency-numbers';
import { routeInbound } from '../routing/inbound-router';
import { normaliseNumber } from '../routing/normalise-number';
import type { OutboundDecision } from '../routing/outbound-decision';
import { unquote } from '../sip/message/scan';
import { isSipUri, unescapePercent } from '../sip/message/uri';
import { trunkAttempts, trunkDialPlan, type TrunkLookup } from './trunk-dial-plan';
import type { Dialog } from '../sip/dialog/dialog';
import { dialogKey } from '../sip/dialog/dialog';
import type { ServerInviteTransaction } from '../sip/transaction/server-invite-transaction';
import type { ServerTransaction } from '../sip/transaction/transaction-layer';
import type { InboundRequest } from '../sip/transport/flow';
import { createResponse } from '../sip/ua/response-builder';
import type { CallRecordRepository } from '../store/call-record-repository';
import type { ExtensionRepository } from '../store/extension-repository';
import type { Binding } from '../registrar/binding';
import type { Uri } from '../sip/message/uri';
import { B2buaCall } from './b2bua-call';
import { CallLeg, type MediaKind } from './call-leg';
import { dispositionOf } from './final-response';
import type { ResolvedTarget } from './call-transfer';
import type { CallDeps } from './call-types';
import type { DialPlan } from './dialer';
import { OutboundForks, type RingTarget } from './outbound-forks';

/** How long a transferor's old dialog may linger before we send its BYE ourselves (64*T1). */
const RETIRED_DIALOG_MS = 32_000;

/** All of an extension's devices at once (parallel forking); phones and browsers each get the offer of their kind. */
function ringDevices(deps: CallDeps, rings: readonly RingTarget[]): DialPlan {
  return (context) => {
    const forks = new OutboundForks(deps, context.events);
    const offers = new Map<MediaKind, Buffer>();
    const offerFor = (media: MediaKind) => offers.get(media) ?? offers.set(media, context.offer(context.codecs, media)).get(media)!;
    forks.ring(rings, context.identity, (ring) => offerFor(ring.media));
    return forks;
  };
}

/** A WebSocket contact is a browser (sip.js, RFC 7118): it gets a WebRTC leg. */
function ringTarget(binding: Binding): RingTarget {
  return {
    target: { protocol: binding.protocol, address: binding.sourceAddress, port: binding.sourcePort, connectionId: binding.connectionId },
    requestUri: binding.contactUri,
    media: binding.protocol === 'ws' || binding.protocol === 'wss' ? 'webrtc' : 'rtp',
  };
}

export interface CallControllerDeps extends CallDeps {
  location: LocationService;
  extensions: ExtensionRepository;
  records: CallRecordRepository;
  events: EngineEvents;
  /** Calls to numbers outside the PBX, and calls trunks send us. */
  trunks: {
    planOutbound(caller: string, dialled: string): OutboundDecision;
    routes(): { inbound: InboundRoute[] };
    trunk(name: string): Trunk | undefined;
  } & TrunkLookup;
}

/**
 * Live-call updates go out at most this often. Each lists every call, and a
 * busy PBX changes calls hundreds of times a second: one list per change
 * would cost in proportion to the square of the calls in progress.
 */
const PUBLISH_COALESCE_MS = 100;

/**
 * Starts calls for authenticated INVITEs and finds the call of every request
 * inside one of their dialogs (RFC 3261 §12.2.2: Call-ID and both tags).
 */
export class CallController {
  private readonly calls = new Set<B2buaCall>();
  private readonly byInvite = new Map<ServerInviteTransaction, B2buaCall>();
  private readonly byDialog = new Map<string, { call: B2buaCall; side: 'caller' | 'callee' }>();
  private readonly dialogsOf = new Map<B2buaCall, string[]>();
  /** Dialogs whose party was transferred away: they only wait for their BYE. */
  private readonly retired = new Map<string, NodeJS.Timeout>();
  private publishTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: CallControllerDeps) {}

  /** A new INVITE from an authenticated extension. */
  startCall(transaction: ServerInviteTransaction, inbound: InboundRequest, caller: string): void {
    const request = inbound.message;
    const target = this.resolve(request.requestUri, caller);
    const callerName = this.deps.extensions.find(caller)?.name || '';
    if (!target.ok) {
      const dialled = isSipUri(request.requestUri) ? unescapePercent(request.requestUri.user ?? '') : '';
      return this.refuse(transaction, { caller, callerName, callee: dialled }, target.status, target.reason);
    }
    this.begin(transaction, inbound, { caller, callerName, target, callerIsTrunk: false });
  }

  /** Answers an INVITE that starts no call with a final failure, and records it: history shows calls refused by routing too. */
  private refuse(transaction: ServerInviteTransaction, parties: { caller: string; callerName: string; callee: string }, status: number, reason: string): void {
    const request = transaction.request;
    transaction.respond(createResponse(request, status, reason));
    const now = Date.now();
    const noMedia = { packetsSent: 0, packetsReceived: 0, packetsLost: 0 };
    this.save({
      callId: request.callId,
      ...parties,
      startedAt: now,
      answeredAt: null,
      endedAt: now,
      durationMs: 0,
      disposition: dispositionOf(status),
      hangupCause: `${status} ${reason}`,
      hangupSide: 'system',
      codec: null,
      callerLeg: noMedia,
      calleeLeg: noMedia,
    });
  }

  private begin(
    transaction: ServerInviteTransaction,
    inbound: InboundRequest,
    parties: { caller: string; callerName: string; target: Extract<ResolvedTarget, { ok: true }>; callerIsTrunk: boolean },
  ): void {
    const { caller, callerName, target, callerIsTrunk } = parties;
    const call = new B2buaCall(
      this.deps,
      {
        onDialog: (dialog: Dialog, c: B2buaCall, side) => this.addDialog(dialog, c, side),
        onDialogRetired: (dialog) => this.retire(dialog),
        onChange: () => this.publish(),
        onEnded: (c, record) => this.ended(c, record),
        resolve: (uri, by) => this.resolve(uri, by),
        findDialog: (callId, localTag, remoteTag) => this.byDialog.get(dialogKey(callId, localTag, remoteTag)),
      },
      transaction,
      inbound,
      {
        caller,
        callerName,
        callee: target.number,
        dial: target.dial,
        ringTimeoutSeconds: target.ringTimeoutSeconds,
        callerIsTrunk,
      },
    );
    if (target.trunksUsed) this.trunksOf.set(call, target.trunksUsed);
    this.calls.add(call);
    this.byInvite.set(transaction, call);
    call.start().catch((error: unknown) => {
      this.deps.logger.error({ err: error, call: call.id }, 'call failed to start');
      call.hangup('system', 'internal error');
    });
  }

  /**
   * What a dialled URI reaches for a caller: an extension's registered
   * devices, or a number outside through trunks (emergency numbers first, even
   * when an extension has the same number), or why not.
   */
  private resolve(uri: Uri, caller: string): ResolvedTarget {
    const target = resolveDialTarget(uri, (n) => this.deps.extensions.find(n) !== undefined);
    if (target.kind === 'unsupported') return { ok: false, status: 416, reason: 'Unsupported URI Scheme' };
    const dialled = target.kind === 'extension' ? target.number : target.dialled;
    if (target.kind === 'unknown' || emergencyNumbers(this.deps.settings().homeCountry).includes(dialled)) return this.resolveOutside(caller, dialled);
    return this.resolveExtension(target.number, caller);
  }

  private resolveOutside(caller: string, dialled: string): ResolvedTarget {
    const decision = this.deps.trunks.planOutbound(caller, dialled);
    if (!decision.ok) return { ok: false, status: decision.status, reason: decision.explanation };
    const attempts = trunkAttempts(decision, this.deps.trunks).filter((a) => this.hasChannel(a.trunk));
    if (attempts.length === 0) return { ok: false, status: 503, reason: 'Service Unavailable (no trunk can take the call now)' };
    const trunksUsed: string[] = [];
    const dial = trunkDialPlan(this.deps, attempts, (attempt) => {
      trunksUsed.push(attempt.trunk);
      this.takeChannel(attempt.trunk);
    });
    return { ok: true, number: decision.number, name: '', dial, ringTimeoutSeconds: 120, trunksUsed };
  }

  private resolveExtension(number: string, caller: string): ResolvedTarget {
    if (number === caller) return { ok: false, status: 482, reason: 'Loop Detected (calling yourself)' };
    const callee = this.deps.extensions.find(number);
    const bindings = this.deps.location.lookup(number);
    if (!callee || bindings.length === 0) return { ok: false, status: 480, reason: 'Temporarily Unavailable (not registered)' };
    const rings = bindings.map(ringTarget);
    return { ok: true, number: callee.number, name: callee.name, dial: ringDevices(this.deps, rings), ringTimeoutSeconds: callee.ringTimeout };
  }

  /** Calls on each trunk now, for its channel limit (maxChannels; 0 = none); a call holds every trunk it tried until it ends. */
  private readonly channels = new Map<string, number>();
  private readonly trunksOf = new Map<B2buaCall, readonly string[]>();

  private hasChannel(trunk: string): boolean {
    const limit = this.deps.trunks.trunk(trunk)?.maxChannels ?? 0;
    return limit === 0 || (this.channels.get(trunk) ?? 0) < limit;
  }

  private takeChannel(trunk: string): void {
    this.channels.set(trunk, (this.channels.get(trunk) ?? 0) + 1);
  }

  /**
   * A call a trunk sends us (recognised by its source address, so no digest):
   * its DID — the Request-URI user, or the To user when the provider calls our
   * registered Contact — in E.164 picks the inbound route.
   */
  startInbound(transaction: ServerInviteTransaction, inbound: InboundRequest, trunk: Trunk): void {
    const request = inbound.message;
    const uriUser = isSipUri(request.requestUri) ? request.requestUri.user : undefined;
    const toUser = isSipUri(request.to.uri) ? request.to.uri.user : undefined;
    const raw = unescapePercent((uriUser && uriUser !== trunk.username ? uriUser : toUser) ?? '');
    const normalised = normaliseNumber(raw, this.deps.settings().homeCountry);
    const did = normalised.ok ? normalised.e164 : raw;
    const decision = routeInbound({ did, fromTrunk: trunk.name, routes: this.deps.trunks.routes().inbound });
    const from = request.from;
    const caller = isSipUri(from.uri) && from.uri.user ? unescapePercent(from.uri.user) : 'anonymous';
    const callerName = from.displayName ? unquote(from.displayName) : '';
    const reply = (status: number, reason: string) => this.refuse(transaction, { caller, callerName, callee: did }, status, reason);
    if (!decision.ok) return reply(404, `Not Found (${decision.explanation})`);
    if (decision.destination.type === 'reject') return reply(decision.destination.status, 'Rejected by the inbound route');
    const target = this.resolveExtension(decision.destination.number, '');
    if (!target.ok) return reply(target.status, target.reason);
    this.takeChannel(trunk.name);
    this.begin(transaction, inbound, { caller, callerName, target: { ...target, trunksUsed: [trunk.name] }, callerIsTrunk: true });
  }

  private retire(dialog: Dialog): void {
    this.byDialog.delete(dialog.key);
    const timer = setTimeout(() => {
      this.retired.delete(dialog.key);
      new CallLeg(dialog, this.deps.transactions).bye('transferred');
    }, RETIRED_DIALOG_MS);
    timer.unref();
    this.retired.set(dialog.key, timer);
  }

  private addDialog(dialog: Dialog, call: B2buaCall, side: 'caller' | 'callee'): void {
    this.byDialog.set(dialog.key, { call, side });
    const keys = this.dialogsOf.get(call) ?? [];
    keys.push(dialog.key);
    this.dialogsOf.set(call, keys);
  }

  /** A request with a To tag: the call it belongs to handles it, or false (481). */
  inDialog(transaction: ServerTransaction, inbound: InboundRequest): boolean {
    const request = inbound.message;
    const key = dialogKey(request.callId, request.toTag ?? '', request.fromTag ?? '');
    const retired = this.retired.get(key);
    if (retired) {
      // The transferor hangs up its old dialog after our final NOTIFY (RFC 5589): just agree.
      const status = request.method === 'BYE' ? 200 : request.method === 'NOTIFY' || request.method === 'OPTIONS' ? 200 : 481;
      transaction.respond(createResponse(request, status, status === 200 ? 'OK' : 'Call/Transaction Does Not Exist'));
      if (request.method === 'BYE') {
        clearTimeout(retired);
        this.retired.delete(key);
      }
      return true;
    }
    const found = this.byDialog.get(key);
    if (!found) return false;
    found.call.onInDialogRequest(found.side, transaction, inbound);
    return true;
  }

  /** The ACK of a 2xx (§13.2.2.4): it ends our 2xx retransmissions. */
  ack(inbound: InboundRequest): void {
    const request = inbound.message;
    this.byDialog.get(dialogKey(request.callId, request.toTag ?? '', request.fromTag ?? ''))?.call.ack();
  }

  /** The caller cancelled its INVITE; the transaction layer answered the CANCEL. Returns false for an INVITE that is not a call. */
  cancel(invite: ServerInviteTransaction): boolean {
    const call = this.byInvite.get(invite);
    if (!call) return false;
    call.cancel();
    return true;
  }

  active(): ActiveCall[] {
    return [...this.calls].map((c) => c.summary());
  }

  private publish(): void {
    if (this.publishTimer) return;
    this.publishTimer = setTimeout(() => {
      this.publishTimer = undefined;
      this.deps.events.emit('calls.changed', this.active());
    }, PUBLISH_COALESCE_MS);
    this.publishTimer.unref();
  }

  private ended(call: B2buaCall, record: Omit<CallRecord, 'id'>): void {
    this.calls.delete(call);
    for (const trunk of this.trunksOf.get(call) ?? []) this.channels.set(trunk, Math.max(0, (this.channels.get(trunk) ?? 1) - 1));
    this.trunksOf.delete(call);
    this.byInvite.delete(call.inviteTx);
    // A dialog that moved to another call (an attended transfer) stays that call's.
    for (const key of this.dialogsOf.get(call) ?? []) if (this.byDialog.get(key)?.call === call) this.byDialog.delete(key);
    this.dialogsOf.delete(call);
    this.save(record);
    this.publish();
  }

  private save(record: Omit<CallRecord, 'id'>): void {
    try {
      const saved = this.deps.records.insert(record);
      this.deps.events.emit('calls.recorded', saved);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'could not write a call record');
    }
  }

  /** Hangs up every call (engine shutdown), so records are written and phones hear BYE. */
  async stop(): Promise<void> {
    for (const timer of this.retired.values()) clearTimeout(timer);
    this.retired.clear();
    clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    for (const call of [...this.calls]) call.hangup('system', 'the engine is stopping');
    const deadline = Date.now() + 2000;
    while (this.calls.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }
}
