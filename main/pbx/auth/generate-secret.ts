import { randomBytes } from 'node:crypto';

// No 0/O, 1/l/I: a person may have to type it from a screen.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A password a person can read aloud: groups of 4, about 5.8 bits a character. */
export function generatePassword(groups = 4): string {
  const chars: string[] = [];
  const bytes = randomBytes(groups * 4 * 2);
  let i = 0;
  while (chars.length < groups * 4) {
    const byte = bytes[i++] ?? randomBytes(1)[0]!;
    // Rejection sampling keeps every character equally likely.
    if (byte < 256 - (256 % ALPHABET.length)) chars.push(ALPHABET[byte % ALPHABET.length]!);
  }
  const out: string[] = [];
  for (let g = 0; g < groups; g++) out.push(chars.slice(g * 4, g * 4 + 4).join(''));
  return out.join('-');
}

/** An opaque bearer token: 256 bits, base64url. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}
