import { codecKey, isTelephoneEvent, type Codec } from './audio-description';

/**
 * The caller's codecs we may offer onward: those the policy allows, in the
 * caller's order (RFC 3264 §5.1: the offerer's order is its preference).
 * An empty policy allows every codec, since the relay never transcodes.
 * Undefined when no voice codec is left: the call gets 488.
 */
export function offerableCodecs(offer: readonly Codec[], allowed: readonly string[]): Codec[] | undefined {
  const allow = new Set(allowed.map((n) => n.toLowerCase()));
  const kept = offer.filter((c) => allow.size === 0 || allow.has(c.name.toLowerCase()) || isTelephoneEvent(c));
  return kept.some((c) => !isTelephoneEvent(c)) ? kept : undefined;
}

export interface NegotiatedAudio {
  /** Pairs of the same codec in the offer and the answer, in the offerer's order. */
  readonly pairs: readonly { offer: Codec; answer: Codec }[];
  /** Payload type maps for the relay: packets from the offerer's side, and from the answerer's. */
  readonly offerToAnswer: Readonly<Record<number, number>>;
  readonly answerToOffer: Readonly<Record<number, number>>;
  /** The voice codec in use (the first pair that is not telephone-event). */
  readonly codec: Codec;
  /** telephone-event on each side, if both have it (RFC 4733). */
  readonly offerDtmf: Codec | undefined;
  readonly answerDtmf: Codec | undefined;
}

/**
 * Matches an answer to its offer codec by codec. Payload numbers may differ
 * between the legs (dynamic types, or an answerer that renumbers), so the
 * relay maps them. Undefined when no voice codec is common.
 */
export function negotiate(offer: readonly Codec[], answer: readonly Codec[]): NegotiatedAudio | undefined {
  const pairs: { offer: Codec; answer: Codec }[] = [];
  for (const o of offer) {
    const a = answer.find((c) => codecKey(c) === codecKey(o));
    if (a) pairs.push({ offer: o, answer: a });
  }
  const voice = pairs.find((p) => !isTelephoneEvent(p.offer));
  if (!voice) return undefined;
  const offerToAnswer: Record<number, number> = {};
  const answerToOffer: Record<number, number> = {};
  for (const p of pairs) {
    offerToAnswer[p.offer.pt] = p.answer.pt;
    answerToOffer[p.answer.pt] = p.offer.pt;
  }
  const dtmf = pairs.find((p) => isTelephoneEvent(p.offer));
  return { pairs, offerToAnswer, answerToOffer, codec: voice.offer, offerDtmf: dtmf?.offer, answerDtmf: dtmf?.answer };
}
