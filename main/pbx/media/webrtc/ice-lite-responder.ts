// Our side of ICE as a lite agent (RFC 8445 §2.5): one host candidate, no
// checks of our own. We answer the peer's connectivity checks (Binding
// requests, §7.3) and send media where they come from: the latest check with
// USE-CANDIDATE (the pair the controlling peer nominated), or until one
// comes, the latest valid check. Consent freshness checks (RFC 7675) are
// answered the same way, for as long as the call lasts.

import { Attribute, buildStun, errorCode, hasValidFingerprint, hasValidIntegrity, MessageType, parseStun, xorMappedAddress, type StunMessage } from './stun-message';

export interface IceCredentials {
  ufrag: string;
  pwd: string;
}

export interface TransportAddress {
  address: string;
  port: number;
}

interface CheckedSource extends TransportAddress {
  /** The peer's ufrag in the check's USERNAME (ours:theirs). */
  remoteUfrag: string;
  nominated: boolean;
}

/** Sources remembered; a peer has a few candidates, more is noise. */
const MAX_SOURCES = 16;

const sourceKey = (source: TransportAddress) => `${source.address}|${source.port}`;

export class IceLiteResponder {
  private readonly key: Buffer;
  private remoteUfrag: string | undefined;
  /** Sources of valid checks, oldest first. */
  private readonly checked = new Map<string, CheckedSource>();
  private selection: CheckedSource | undefined;

  constructor(
    readonly local: IceCredentials,
    /** The address media goes to changed, or the peer nominated it. */
    private readonly onSelected: (selected: TransportAddress) => void,
  ) {
    this.key = Buffer.from(local.pwd, 'utf8');
  }

  get selected(): TransportAddress | undefined {
    return this.selection;
  }

  /** Whether the peer nominated the selected pair (USE-CANDIDATE): its side of ICE is done. */
  get nominated(): boolean {
    return this.selection?.nominated ?? false;
  }

  /** Whether a valid check came from this source for the current peer (or for any peer while none is known). */
  isChecked(source: TransportAddress): boolean {
    const checked = this.checked.get(sourceKey(source));
    return checked !== undefined && (this.remoteUfrag === undefined || checked.remoteUfrag === this.remoteUfrag);
  }

  /**
   * The peer's ufrag from its SDP. Checks may come before the SDP does (the
   * answer is still on its way): the matching ones are selected from now on.
   * Another ufrag (ICE restart, or a transfer to a new browser) starts over.
   */
  setRemoteUfrag(ufrag: string): void {
    if (ufrag === this.remoteUfrag) return;
    this.remoteUfrag = ufrag;
    this.selection = undefined;
    for (const [key, source] of this.checked) if (source.remoteUfrag !== ufrag) this.checked.delete(key);
    const sources = [...this.checked.values()];
    const best = sources.filter((s) => s.nominated).pop() ?? sources.pop();
    if (best) this.select(best);
  }

  /**
   * Our response to a STUN message that came from `source`, or undefined for
   * what needs none: not a Binding request, or a bad FINGERPRINT (then it is
   * not STUN at all, RFC 8489 §7.3). Unknown attributes are ignored.
   */
  answer(packet: Buffer, source: TransportAddress): Buffer | undefined {
    const request = parseStun(packet);
    if (!request || request.type !== MessageType.bindingRequest || !hasValidFingerprint(request)) return undefined;
    const username = request.attributes.get(Attribute.username)?.toString('utf8');
    if (username === undefined || request.integrityAt === undefined) return this.error(request, 400, 'Bad Request');
    // USERNAME is ours:theirs (RFC 8445 §7.2.2); a check for another agent, or signed with another password, is refused (RFC 8489 §9.1.3).
    const remoteUfrag = username.startsWith(`${this.local.ufrag}:`) ? username.slice(this.local.ufrag.length + 1) : undefined;
    if (remoteUfrag === undefined || !hasValidIntegrity(request, this.key)) return this.error(request, 401, 'Unauthorized');
    // A full agent facing a lite one must control (RFC 8445 §6.1.1): one that claims the controlled role is told to switch (§7.3.1.1).
    if (request.attributes.has(Attribute.iceControlled)) return this.error(request, 487, 'Role Conflict');
    // Checks under another peer ufrag (a browser still waiting for its SDP to reach us: a transfer target; or a losing fork's)
    // are answered, but only the peer our SDP exchange names is selected and may start DTLS.
    this.record(source, remoteUfrag, request.attributes.has(Attribute.useCandidate));
    return buildStun(MessageType.bindingSuccess, request.transactionId, [{ type: Attribute.xorMappedAddress, value: xorMappedAddress(source.address, source.port, request.transactionId) }], this.key);
  }

  private record(source: TransportAddress, remoteUfrag: string, useCandidate: boolean): void {
    const key = sourceKey(source);
    const previous = this.checked.get(key);
    const checked: CheckedSource = { address: source.address, port: source.port, remoteUfrag, nominated: useCandidate || (previous?.nominated ?? false) };
    // Newest last, so the oldest is the one forgotten.
    this.checked.delete(key);
    if (this.checked.size >= MAX_SOURCES) this.checked.delete(this.checked.keys().next().value as string);
    this.checked.set(key, checked);
    if (remoteUfrag !== this.remoteUfrag) return;
    if (useCandidate || !this.selection?.nominated) this.select(checked);
  }

  private select(source: CheckedSource): void {
    const changed = this.selection === undefined || sourceKey(this.selection) !== sourceKey(source) || source.nominated !== this.selection.nominated;
    this.selection = source;
    if (changed) this.onSelected({ address: source.address, port: source.port });
  }

  /** Error responses carry no MESSAGE-INTEGRITY (RFC 8489 §9.1.3), only FINGERPRINT. */
  private error(request: StunMessage, code: number, reason: string): Buffer {
    return buildStun(MessageType.bindingError, request.transactionId, [{ type: Attribute.errorCode, value: errorCode(code, reason) }]);
  }
}
