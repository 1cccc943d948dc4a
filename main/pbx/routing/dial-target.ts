import { isSipUri, unescapePercent, type Uri } from '../sip/message/uri';

/** What a dialled Request-URI means inside the PBX. Trunks and outbound routes come later. */
export type DialTarget = { kind: 'extension'; number: string } | { kind: 'unknown'; dialled: string } | { kind: 'unsupported' };

/**
 * Resolves the Request-URI of a new call: a SIP or tel URI whose user (or
 * number) names an extension. Pure: the caller passes how to test a number.
 */
export function resolveDialTarget(uri: Uri, isExtension: (number: string) => boolean): DialTarget {
  let dialled: string | undefined;
  if (isSipUri(uri)) dialled = uri.user === undefined ? undefined : unescapePercent(uri.user);
  else if (uri.scheme === 'tel' && 'number' in uri) dialled = uri.number;
  if (dialled === undefined) return { kind: 'unsupported' };
  // Visual separators people type in numbers (RFC 3966 §5.1.1) do not change the number.
  const plain = /^[+\d().\- ]+$/.test(dialled) ? dialled.replace(/[().\- ]/g, '') : dialled;
  if (isExtension(plain)) return { kind: 'extension', number: plain };
  return { kind: 'unknown', dialled: plain };
}
