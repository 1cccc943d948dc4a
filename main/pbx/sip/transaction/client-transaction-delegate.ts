import type { SipResponse } from '../message/sip-message';

/** What a client transaction reports to its user (RFC 3261 §17.1). */
export interface ClientTransactionDelegate {
  onResponse(response: SipResponse): void;
  /** Timer B or F fired without a final response: treat as 408 (§8.1.3.1). */
  onTimeout(): void;
  /** The transport could not send: treat as 503 (§8.1.3.1). */
  onTransportError(error: Error): void;
}
