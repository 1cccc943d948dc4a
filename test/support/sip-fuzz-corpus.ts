// A deterministic corpus of broken SIP messages: seed messages plus
// mutations chosen by a seeded PRNG, so every failure can be replayed from
// its seed and case number.

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
type Mutation = (message: Buffer, random: Random) => Buffer;

const int = (random: Random, below: number) => Math.floor(random() * below);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)] as T;

function randomBytes(random: Random, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = int(random, 256);
  return bytes;
}

/** Lines split on CRLF; the last element is whatever followed the final CRLF (often the body's tail). */
function lines(message: Buffer): string[] {
  return message.toString('latin1').split('\r\n');
}

function joinLines(parts: string[]): Buffer {
  return Buffer.from(parts.join('\r\n'), 'latin1');
}

function headerLineIndex(parts: string[], random: Random): number {
  const blank = parts.indexOf('');
  const headerCount = blank < 0 ? parts.length : blank;
  return headerCount <= 1 ? 0 : 1 + int(random, headerCount - 1);
}

const HUGE_VALUES = [
  () => 'A'.repeat(70_000),
  () => '9'.repeat(400),
  () => '4294967296',
  () => '-1',
  () => ';'.repeat(5000),
  () => ','.repeat(5000),
  () => '"'.repeat(999),
  () => '<'.repeat(3000),
  () => '%'.repeat(3000),
  () => '\\'.repeat(3001),
  () => 'sip:' + 'a@'.repeat(2000),
  () => '[' + ':'.repeat(1000),
  () => ' \t'.repeat(2000),
];

const CONTENT_LENGTHS = ['-1', '0', '1', '99999999', '1000000000000', ' 12 ', 'abc', '0x10', '1e3', ''];

const MUTATIONS: readonly Mutation[] = [
  // A byte set to any value.
  (m, r) => {
    if (m.length === 0) return m;
    const copy = Buffer.from(m);
    copy[int(r, copy.length)] = int(r, 256);
    return copy;
  },
  // One bit flipped.
  (m, r) => {
    if (m.length === 0) return m;
    const copy = Buffer.from(m);
    const i = int(r, copy.length);
    copy[i] = (copy[i] as number) ^ (1 << int(r, 8));
    return copy;
  },
  // Truncated anywhere.
  (m, r) => m.subarray(0, int(r, m.length + 1)),
  // A line duplicated.
  (m, r) => {
    const parts = lines(m);
    const i = int(r, parts.length);
    parts.splice(i, 0, parts[i] as string);
    return joinLines(parts);
  },
  // A line removed (the start line or the blank line included).
  (m, r) => {
    const parts = lines(m);
    parts.splice(int(r, parts.length), 1);
    return joinLines(parts);
  },
  // A header value replaced by something huge or pathological.
  (m, r) => {
    const parts = lines(m);
    const i = headerLineIndex(parts, r);
    const line = parts[i] as string;
    const colon = line.indexOf(':');
    parts[i] = `${colon < 0 ? line : line.slice(0, colon + 1)} ${pick(r, HUGE_VALUES)()}`;
    return joinLines(parts);
  },
  // Random bytes inserted, or the whole message replaced by them.
  (m, r) => {
    const noise = randomBytes(r, int(r, 2000));
    if (r() < 0.2) return noise;
    const at = int(r, m.length + 1);
    return Buffer.concat([m.subarray(0, at), noise, m.subarray(at)]);
  },
  // CRLF games: bare LF or CR, an early empty line, folding, no final CRLF, leading CRLFs.
  (m, r) => {
    const text = m.toString('latin1');
    const game = int(r, 6);
    if (game === 0) return Buffer.from(text.replace(/\r\n/g, '\n'), 'latin1');
    if (game === 1) return Buffer.from(text.replace(/\r\n/g, '\r'), 'latin1');
    if (game === 2) {
      const at = int(r, text.length + 1);
      return Buffer.from(`${text.slice(0, at)}\r\n\r\n${text.slice(at)}`, 'latin1');
    }
    if (game === 3) return Buffer.from(text.replace(/\r\n/g, () => (r() < 0.3 ? '\r\n ' : '\r\n')), 'latin1');
    if (game === 4) return Buffer.from(text.replace(/(\r\n)+$/, ''), 'latin1');
    return Buffer.from('\r\n'.repeat(1 + int(r, 4)) + text, 'latin1');
  },
  // Two lines swapped.
  (m, r) => {
    const parts = lines(m);
    const a = int(r, parts.length);
    const b = int(r, parts.length);
    [parts[a], parts[b]] = [parts[b] as string, parts[a] as string];
    return joinLines(parts);
  },
  // Content-Length set to a strange value, or a second one added.
  (m, r) => {
    const parts = lines(m);
    const value = pick(r, CONTENT_LENGTHS);
    const i = parts.findIndex((p) => /^(content-length|l)\s*:/i.test(p));
    if (i >= 0 && r() < 0.6) parts[i] = `Content-Length: ${value}`;
    else parts.splice(headerLineIndex(parts, r), 0, `Content-Length: ${value}`);
    return joinLines(parts);
  },
];

/** `count` messages: every seed as is, then seeds with 1–3 mutations each; two seeds are sometimes spliced first. */
export function mutatedCorpus(seeds: readonly Buffer[], seed: number, count: number): Buffer[] {
  const random = seededRandom(seed);
  const corpus = [...seeds];
  while (corpus.length < count) {
    let message = pick(random, seeds);
    if (random() < 0.1) {
      const other = pick(random, seeds);
      message = Buffer.concat([message.subarray(0, int(random, message.length + 1)), other.subarray(int(random, other.length + 1))]);
    }
    for (let n = 1 + int(random, 3); n > 0; n--) message = pick(random, MUTATIONS)(message, random);
    corpus.push(message);
  }
  return corpus;
}

/** `count` of the corpus's messages, spread evenly over it. */
export function sample(corpus: readonly Buffer[], count: number): Buffer[] {
  const step = corpus.length / count;
  return Array.from({ length: Math.min(count, corpus.length) }, (_, i) => corpus[Math.floor(i * step)] as Buffer);
}
