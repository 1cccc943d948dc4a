import type { ActiveCall, CallRecord } from '../../../shared/call-records';
import type { EngineEvents } from '../engine-events';
import type { LocationService } from '../registrar/location-service';
import { resolveDialTarget } from '../routing/dial-target';
import type { Dialog } from '../sip/dialog/dialog';
import { dialogKey } from '../sip/dialog/dialog';
import type { ServerInviteTransaction } from '../sip/transaction/server-invite-transaction';
import type { ServerTransaction } from '../sip/transaction/transaction-layer';
import type { InboundRequest } from '../sip/transport/flow';
import { createResponse } from '../sip/ua/response-builder';
import type { CallRecordRepository } from '../store/call-record-repository';
import type { ExtensionRepository } from '../store/extension-repository';
import { B2buaCall } from './b2bua-call';
import type { CallDeps } from './call-types';

export interface CallControllerDeps extends CallDeps {
  location: LocationService;
  extensions: ExtensionRepository;
  records: CallRecordRepository;
  events: EngineEvents;
}

/**
 * Starts calls for authenticated INVITEs and finds the call of every request
 * inside one of their dialogs (RFC 3261 §12.2.2: Call-ID and both tags).
 */
export class CallController {
  private readonly calls = new Set<B2buaCall>();
  private readonly byInvite = new Map<ServerInviteTransaction, B2buaCall>();
  private readonly byDialog = new Map<string, { call: B2buaCall; side: 'caller' | 'callee' }>();
  private readonly dialogsOf = new Map<B2buaCall, string[]>();

  constructor(private readonly deps: CallControllerDeps) {}

  /** A new INVITE from an authenticated extension. */
  startCall(transaction: ServerInviteTransaction, inbound: InboundRequest, caller: string): void {
    const request = inbound.message;
    const reply = (status: number, reason: string) => transaction.respond(createResponse(request, status, reason));
    const target = resolveDialTarget(request.requestUri, (n) => this.deps.extensions.find(n) !== undefined);
    if (target.kind === 'unsupported') return reply(416, 'Unsupported URI Scheme');
    if (target.kind === 'unknown') return reply(404, 'Not Found');
    if (target.number === caller) return reply(482, 'Loop Detected (calling yourself)');
    const callee = this.deps.extensions.find(target.number);
    const bindings = this.deps.location.lookup(target.number);
    if (!callee || bindings.length === 0) return reply(480, 'Temporarily Unavailable (not registered)');
    const callerRow = this.deps.extensions.find(caller);
    const call = new B2buaCall(
      this.deps,
      {
        onDialog: (dialog: Dialog, c: B2buaCall, side) => this.addDialog(dialog, c, side),
        onChange: () => this.publish(),
        onEnded: (c, record) => this.ended(c, record),
      },
      transaction,
      inbound,
      {
        caller,
        callerName: callerRow?.name || '',
        callee: target.number,
        bindings,
        ringTimeoutSeconds: callee.ringTimeout,
      },
    );
    this.calls.add(call);
    this.byInvite.set(transaction, call);
    call.start().catch((error: unknown) => {
      this.deps.logger.error({ err: error, call: call.id }, 'call failed to start');
      call.hangup('system', 'internal error');
    });
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
    const found = this.byDialog.get(dialogKey(request.callId, request.toTag ?? '', request.fromTag ?? ''));
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
    this.deps.events.emit('calls.changed', this.active());
  }

  private ended(call: B2buaCall, record: Omit<CallRecord, 'id'>): void {
    this.calls.delete(call);
    for (const [invite, c] of this.byInvite) if (c === call) this.byInvite.delete(invite);
    for (const key of this.dialogsOf.get(call) ?? []) this.byDialog.delete(key);
    this.dialogsOf.delete(call);
    try {
      const saved = this.deps.records.insert(record);
      this.deps.events.emit('calls.recorded', saved);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'could not write a call record');
    }
    this.publish();
  }

  /** Hangs up every call (engine shutdown), so records are written and phones hear BYE. */
  async stop(): Promise<void> {
    for (const call of [...this.calls]) call.hangup('system', 'the engine is stopping');
    const deadline = Date.now() + 2000;
    while (this.calls.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }
}
