import type { SipRequest, SipResponse } from '../sip/message/sip-message';
import type { Dialog } from '../sip/dialog/dialog';
import type { TransactionLayer } from '../sip/transaction/transaction-layer';
import { SipResponse as Response } from '../sip/message/sip-message';

/**
 * Sends a request in a dialog and resolves with its final response. A timeout
 * becomes 408 and a transport failure 503 (RFC 3261 §8.1.3.1). For an INVITE,
 * every 2xx (retransmissions included) is ACKed, since the ACK of a 2xx is the
 * UAC core's job, not the transaction's (§13.2.2.4).
 */
export function sendInDialog(transactions: TransactionLayer, dialog: Dialog, request: SipRequest): Promise<SipResponse> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (response: SipResponse) => {
      if (!settled) {
        settled = true;
        resolve(response);
      }
    };
    transactions.sendRequest(request, dialog.state.target, {
      onResponse(response) {
        if (response.status < 200) return;
        if (request.method === 'INVITE' && response.status < 300) {
          dialog.refreshTarget(response.header('contact'));
          transactions.sendStateless(dialog.ack(request.cseq.seq), dialog.state.target);
        }
        settle(response);
      },
      onTimeout: () => settle(new Response(408, 'Request Timeout', [])),
      onTransportError: () => settle(new Response(503, 'Service Unavailable', [])),
    });
  });
}
