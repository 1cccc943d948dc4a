/**
 * Whether an SDP offer puts us on hold: its audio stream is sendonly or
 * inactive, or its connection address is 0.0.0.0 (RFC 3264 §8.4, and the
 * RFC 2543 way older phones still use).
 */
export function remoteOnHold(sdp: string): boolean {
  const audio = sdp.split(/\r?\n(?=m=)/).find((section) => section.startsWith('m=audio'));
  if (!audio) return false;
  const session = sdp.split(/\r?\n(?=m=)/)[0] ?? '';
  const direction = (text: string) => /^a=(sendonly|inactive|recvonly|sendrecv)\s*$/m.exec(text)?.[1];
  const effective = direction(audio) ?? direction(session);
  if (effective === 'sendonly' || effective === 'inactive') return true;
  return /^c=IN IP4 0\.0\.0\.0\s*$/m.test(audio) || (!/^c=/m.test(audio) && /^c=IN IP4 0\.0\.0\.0\s*$/m.test(session));
}
