// What the phone tells the UI: its registration and its calls. Plain data, so
// a store can keep it and React can render it.

/** Where the phone's registration stands, in the words the UI shows. */
export type RegistrationStatus =
  | { state: 'idle' }
  | { state: 'connecting'; extension?: string | undefined }
  | { state: 'registered'; extension: string; since: number }
  /** Lost or refused; the next attempt is due at `nextAttemptAt` (ms since the epoch). */
  | { state: 'reconnecting'; reason: string; nextAttemptAt: number; extension?: string | undefined }
  /** The browser says it has no network: nothing is tried until it comes back. */
  | { state: 'offline'; extension?: string | undefined }
  /** Nothing will be tried until something changes (the engine says this person has no phone). */
  | { state: 'failed'; reason: string };

export type CallState =
  /** Outgoing: INVITE sent, nothing heard back yet. */
  | 'dialing'
  /** Outgoing: the far end rings (180/183). */
  | 'ringing'
  /** Incoming: ringing here. */
  | 'incoming'
  /** Incoming: answered, media being set up. */
  | 'connecting'
  | 'active'
  /** Held by us. */
  | 'held'
  | 'ended';

export interface RemoteParty {
  /** The user part of the address (an extension or a number), or the whole address. */
  number: string;
  /** The display name the signalling carried, or ''. */
  displayName: string;
  uri: string;
}

/** A transfer under way or finished, as the far end's NOTIFYs (RFC 3515 §2.4.5) or its answer to the REFER report it. */
export interface TransferProgress {
  kind: 'blind' | 'attended';
  target: string;
  state: 'trying' | 'ringing' | 'done' | 'failed';
  /** The engine's answer in words, e.g. "491 Request Pending". */
  detail: string;
}

export interface CallInfo {
  id: string;
  direction: 'outgoing' | 'incoming';
  remote: RemoteParty;
  state: CallState;
  startedAt: number;
  answeredAt: number | undefined;
  endedAt: number | undefined;
  muted: boolean;
  /** A hold or resume re-INVITE is under way. */
  holdPending: boolean;
  /** The far end put us on hold (its SDP stopped sending to us). */
  heldByRemote: boolean;
  /** The far end sends audio before answering (183 with SDP): no local ringback then. */
  earlyMedia: boolean;
  transfer: TransferProgress | undefined;
  /** Why it ended, in words ("Busy", "Declined", "The other side hung up"). */
  endReason: string | undefined;
  /** The last thing that went wrong without ending the call ("Hold failed: 491 Request Pending"). */
  problem: string | undefined;
}

export interface PhoneEvents {
  registration: RegistrationStatus;
  calls: readonly CallInfo[];
  /** A new incoming call, once, when it starts ringing. */
  incoming: CallInfo;
}
