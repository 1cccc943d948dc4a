import { randomBytes } from 'node:crypto';
import { SipResponse, type HeaderField, type SipRequest } from '../message/sip-message';

const TAG_PREFIX = randomBytes(4).toString('hex');
let tagCounter = 0;

/** A To tag unique to this process (RFC 3261 §19.3): cheap, no per-call randomness needed. */
export function newTag(): string {
  tagCounter = (tagCounter + 1) % 0x7fffffff;
  return `${TAG_PREFIX}${tagCounter.toString(36)}`;
}

export const SERVER_HEADER: HeaderField = { name: 'server', value: 'Dialtone' };

/**
 * A response to `request` (RFC 3261 §8.2.6.2): Via (all, in order), From,
 * Call-ID and CSeq copied as written; To copied with a tag added unless it has
 * one or this is a 100.
 */
export function createResponse(request: SipRequest, status: number, reason: string, toTag?: string): SipResponse {
  const headers: HeaderField[] = [];
  for (const h of request.headers) {
    if (h.name === 'via' || h.name === 'from' || h.name === 'call-id' || h.name === 'cseq') headers.push({ name: h.name, value: h.value });
    else if (h.name === 'to') {
      let value = h.value;
      if (status > 100 && !/;\s*tag\s*=/i.test(value)) value += `;tag=${toTag ?? newTag()}`;
      headers.push({ name: 'to', value });
    }
  }
  headers.push(SERVER_HEADER);
  return new SipResponse(status, reason, headers);
}
