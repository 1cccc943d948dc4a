import { formatParams, getParam, type Param } from '../sip/message/params';
import type { NameAddr } from '../sip/message/name-addr';
import { formatUri, isSipUri, parseUri, sipUriEquals, type SipUri } from '../sip/message/uri';
import type { Binding } from './binding';
import { ownString } from './own-string';

export interface ExpiryPolicy {
  /** Used when the request names none (RFC 3261 §10.2.1.1). */
  defaultExpires: number;
  /** Shorter non-zero requests get 423 (§10.3 step 7). */
  minExpires: number;
  /** Longer requests are shortened to this. */
  maxExpires: number;
}

/** The facts of one REGISTER that decide what happens to the bindings. */
export interface RegisterRequest {
  extension: string;
  /** '*' or the Contact values; [] is a fetch. */
  contacts: NameAddr[] | '*';
  /** The Expires header, if present and readable. */
  expiresHeader: number | undefined;
  callId: string;
  cseq: number;
  now: number;
  maxContacts: number;
  /** Where the REGISTER came from, recorded with each binding. */
  origin: Pick<Binding, 'protocol' | 'sourceAddress' | 'sourcePort' | 'localAddress' | 'localPort' | 'connectionId' | 'userAgent'>;
}

export type RegisterPlan =
  | { ok: true; insert: Binding[]; update: Binding[]; remove: Binding[] }
  | { ok: false; status: 400 | 423; reason: string; minExpires?: number };

const DROPPED_PARAMS = new Set(['expires', 'q']);

function contactExpires(contact: NameAddr, header: number | undefined, policy: ExpiryPolicy): number {
  const param = getParam(contact.params, 'expires')?.value;
  // An unreadable expires is as if absent (scalar02: use the default).
  const value = param !== undefined && /^\d{1,10}$/.test(param) ? Number(param) : header;
  return value ?? policy.defaultExpires;
}

function paramText(params: readonly Param[]): string {
  return formatParams(params.filter((p) => !DROPPED_PARAMS.has(p.name)));
}

function matches(binding: Binding, uri: SipUri, instanceId: string | undefined, regId: number | undefined): boolean {
  // RFC 5626 §6: with an instance and reg-id the flow is the identity; with an instance alone, the instance (RFC 5627).
  if (instanceId !== undefined) return binding.instanceId === instanceId && binding.regId === regId;
  if (binding.instanceId !== undefined) return false;
  const stored = parseUri(binding.contactUri);
  return isSipUri(stored) && sipUriEquals(stored, uri);
}

/**
 * What a REGISTER does to an extension's bindings (RFC 3261 §10.3 steps 6–8,
 * RFC 5626 §6): pure, so every rule is tested without sockets.
 */
export function planRegister(current: readonly Binding[], request: RegisterRequest, policy: ExpiryPolicy): RegisterPlan {
  const { now } = request;
  const live = current.filter((b) => b.expiresAt > now);
  if (request.contacts === '*') {
    // Step 6: "*" only with Expires: 0, and then it removes everything (step 7's Call-ID/CSeq rule still holds).
    if (request.expiresHeader !== 0) return { ok: false, status: 400, reason: 'Bad Request (Contact: * needs Expires: 0)' };
    for (const b of live) if (b.callId === request.callId && request.cseq <= b.cseq) return { ok: false, status: 400, reason: 'Bad Request (CSeq out of order)' };
    return { ok: true, insert: [], update: [], remove: [...live] };
  }

  // The bindings as they will be; current objects are never changed (the caller swaps them in after the write).
  let working: Binding[] = [...live];
  const changed = new Set<Binding>();
  for (const contact of request.contacts) {
    const uri = contact.uri;
    if (!isSipUri(uri)) return { ok: false, status: 400, reason: 'Bad Request (Contact must be a sip or sips URI)' };
    const expires = Math.min(contactExpires(contact, request.expiresHeader, policy), policy.maxExpires);
    if (expires > 0 && expires < policy.minExpires) {
      return { ok: false, status: 423, reason: 'Interval Too Brief', minExpires: policy.minExpires };
    }
    const instanceId = getParam(contact.params, '+sip.instance')?.value;
    const regIdText = getParam(contact.params, 'reg-id')?.value;
    const regId = regIdText !== undefined && /^\d{1,9}$/.test(regIdText) ? Number(regIdText) : undefined;
    const qText = getParam(contact.params, 'q')?.value;
    const q = qText !== undefined && /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(qText) ? Number(qText) : undefined;
    const existing = working.find((b) => matches(b, uri, instanceId, regId));

    if (existing && !changed.has(existing) && existing.callId === request.callId && request.cseq <= existing.cseq) {
      return { ok: false, status: 400, reason: 'Bad Request (CSeq out of order)' };
    }
    working = working.filter((b) => b !== existing);
    if (expires === 0) continue;
    const next: Binding = {
      id: existing?.id ?? 0,
      extension: request.extension,
      registeredAt: existing?.registeredAt ?? now,
      instanceId: instanceId === undefined ? undefined : ownString(instanceId),
      regId,
      contactUri: ownString(formatUri(uri)),
      contactParams: ownString(paramText(contact.params)),
      q,
      expiresAt: now + expires * 1000,
      callId: ownString(request.callId),
      cseq: request.cseq,
      ...request.origin,
    };
    working.push(next);
    changed.add(next);
  }

  // Over the per-extension limit: the oldest bindings make room (replaced, not refused).
  const excess = working.length - request.maxContacts;
  if (excess > 0) {
    const oldest = new Set([...working].sort((a, b) => a.registeredAt - b.registeredAt || a.id - b.id).slice(0, excess));
    working = working.filter((b) => !oldest.has(b));
  }
  const keptIds = new Set(working.map((b) => b.id));
  const remove = live.filter((b) => !keptIds.has(b.id));
  const insert = working.filter((b) => changed.has(b) && b.id === 0);
  const update = working.filter((b) => changed.has(b) && b.id !== 0);
  return { ok: true, insert, update, remove };
}
