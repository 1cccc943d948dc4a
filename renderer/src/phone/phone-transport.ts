import type { Core, Transport } from 'sip.js';

/**
 * The seam between the phone and the network: a sip.js Transport whose
 * server can change between connections, because every connection carries a
 * fresh five-minute token from phone.connection. The app uses
 * WebSocketPhoneTransport; a test may hand the phone its own.
 */
export interface PhoneTransport extends Transport {
  /** Where the next connect() goes. */
  setServer(url: string): void;
}

/** How the phone makes its transport (sip.js builds it inside the UserAgent). */
export type PhoneTransportConstructor = new (logger: Core.Logger, options: { server: string }) => PhoneTransport;
