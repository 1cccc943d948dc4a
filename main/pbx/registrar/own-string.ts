/**
 * A copy of a string that holds no reference to the text it was cut from.
 * V8 keeps a slice of a longer string as a pointer into it, so a Call-ID
 * kept with a binding would keep the whole REGISTER alive for an hour.
 */
export function ownString(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'latin1').toString('latin1');
}

const interned = new Map<string, string>();
const MAX_INTERNED = 10_000;

/** One shared copy of values many bindings repeat (addresses, user agents). */
export function internString(text: string): string {
  const known = interned.get(text);
  if (known !== undefined) return known;
  const own = ownString(text);
  if (interned.size < MAX_INTERNED) interned.set(own, own);
  return own;
}
