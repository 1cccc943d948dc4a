/**
 * Dial patterns in the FreePBX style (shared/routing.ts), compiled once and
 * matched against what a person dialled.
 *
 *   [prefix|]body
 *
 *   prefix   digits, *, # or +, dialled as written and stripped: `9|…`
 *   body     one token per dialled character:
 *              0-9 * # +   that character
 *              X           any digit 0–9
 *              Z           1–9
 *              N           2–9        (X, Z and N in either case)
 *              [15-7]      a set: digits and ascending ranges (here 1, 5, 6, 7)
 *            optionally ended by one of:
 *              .           one or more characters of any kind
 *              !           zero or more characters
 *
 * `9|NXXNXXXXXX` matches 92125551234 and leaves 2125551234; `011.` needs at
 * least one character after 011 and strips nothing; `00!` matches 00 itself.
 * Unlike Asterisk extensions there is no leading `_`, and `.` or `!` must end
 * the pattern: Asterisk lets them swallow everything after them anyway.
 */
export interface DialPattern {
  /** The pattern as written (trimmed). */
  readonly text: string;
  /** How many leading characters the prefix strips. */
  readonly prefixLength: number;
  /** One set of allowed characters per position, prefix included. */
  readonly positions: readonly ReadonlySet<string>[];
  readonly tail: 'none' | 'one-or-more' | 'zero-or-more';
}

export type CompiledDialPattern = { ok: true; pattern: DialPattern } | { ok: false; reason: string };

/** A full match leaves the digits after the prefix; a partial one says whether more digits could still match. */
export type DialPatternMatch = { matched: true; remainder: string } | { matched: false; incomplete: boolean };

const DIGITS = '0123456789';
const WILDCARDS: Readonly<Record<string, string>> = { X: DIGITS, Z: DIGITS.slice(1), N: DIGITS.slice(2) };
const LITERAL = /^[0-9*#+]$/;
const TAILS = { '.': 'one-or-more', '!': 'zero-or-more' } as const;

export function compileDialPattern(text: string): CompiledDialPattern {
  const trimmed = text.trim();
  const parts = trimmed.split('|');
  if (parts.length > 2) return { ok: false, reason: 'Use | once, after the digits to strip.' };
  const [prefix, body] = parts.length === 2 ? [parts[0] ?? '', parts[1] ?? ''] : ['', trimmed];
  if (!/^[0-9*#+]*$/.test(prefix)) return { ok: false, reason: `The prefix "${prefix}" is dialled as written: use only digits, *, # or + before the |.` };
  if (body === '') return { ok: false, reason: parts.length === 2 ? 'Add the digits to match after the |.' : 'Enter a pattern.' };

  const positions: ReadonlySet<string>[] = [...prefix].map((c) => new Set([c]));
  let tail: DialPattern['tail'] = 'none';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    const upper = c.toUpperCase();
    if (c in TAILS) {
      if (i !== body.length - 1) return { ok: false, reason: `"${c}" must end the pattern: nothing can follow it.` };
      tail = TAILS[c as keyof typeof TAILS];
    } else if (LITERAL.test(c)) {
      positions.push(new Set([c]));
    } else if (upper in WILDCARDS) {
      positions.push(new Set(WILDCARDS[upper]));
    } else if (c === '[') {
      const close = body.indexOf(']', i);
      if (close < 0) return { ok: false, reason: 'A [ has no closing ].' };
      const set = parseSet(body.slice(i + 1, close));
      if (typeof set === 'string') return { ok: false, reason: set };
      positions.push(set);
      i = close;
    } else {
      return { ok: false, reason: `"${c}" cannot be used in a dial pattern: use digits, *, #, +, X, Z, N, a set such as [1-5], . or !.` };
    }
  }
  return { ok: true, pattern: { text: trimmed, prefixLength: prefix.length, positions, tail } };
}

/** The inside of [...]: digits and ranges. Returns the set or why it is wrong. */
function parseSet(inside: string): ReadonlySet<string> | string {
  if (inside === '') return 'A set [] needs at least one digit, such as [1-5].';
  if (!/^(\d(-\d)?)+$/.test(inside)) return `[${inside}] is not a set: use digits and ranges such as [1-5] or [0179].`;
  const set = new Set<string>();
  for (const [, from = '', to] of inside.matchAll(/(\d)(?:-(\d))?/g)) {
    const last = to ?? from;
    if (last < from) return `[${from}-${last}] runs backwards: write [${last}-${from}].`;
    for (let d = Number(from); d <= Number(last); d++) set.add(String(d));
  }
  return set;
}

export function matchDialPattern(pattern: DialPattern, dialled: string): DialPatternMatch {
  const fixed = pattern.positions.length;
  for (let i = 0; i < Math.min(fixed, dialled.length); i++) {
    if (!pattern.positions[i]?.has(dialled[i] ?? '')) return { matched: false, incomplete: false };
  }
  const extra = dialled.length - fixed;
  if (extra < 0 || (extra === 0 && pattern.tail === 'one-or-more')) return { matched: false, incomplete: true };
  if (extra > 0 && pattern.tail === 'none') return { matched: false, incomplete: false };
  return { matched: true, remainder: dialled.slice(pattern.prefixLength) };
}
