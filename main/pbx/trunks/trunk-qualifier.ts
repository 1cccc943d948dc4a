import { newCallId } from '../sip/message/random-token';
import { SipRequest } from '../sip/message/sip-message';
import type { SendTarget, TransactionLayer } from '../sip/transaction/transaction-layer';
import { newTag } from '../sip/ua/response-builder';

export type QualifyResult = { reachable: true; latencyMs: number; response: string } | { reachable: false; reason: string };

/**
 * One OPTIONS ping (RFC 3261 §11): any final answer, even 404 or 405, proves
 * the provider is there; only a timeout or transport failure means it is not.
 */
export function qualify(transactions: TransactionLayer, target: SendTarget, domain: string, fromUser: string, now: () => number = Date.now): Promise<QualifyResult> {
  const started = now();
  const request = new SipRequest('OPTIONS', `sip:${domain}`, [
    { name: 'max-forwards', value: '70' },
    { name: 'from', value: `<sip:${fromUser}@${domain}>;tag=${newTag()}` },
    { name: 'to', value: `<sip:${domain}>` },
    { name: 'call-id', value: newCallId() },
    { name: 'cseq', value: '1 OPTIONS' },
    { name: 'accept', value: 'application/sdp' },
  ]);
  return new Promise((resolve) => {
    transactions.sendRequest(request, target, {
      onResponse: (response) => {
        if (response.status >= 200) resolve({ reachable: true, latencyMs: now() - started, response: `${response.status} ${response.reason}` });
      },
      onTimeout: () => resolve({ reachable: false, reason: `no answer from ${domain}` }),
      onTransportError: (error) => resolve({ reachable: false, reason: `cannot reach ${domain} (${error.message})` }),
    });
  });
}
