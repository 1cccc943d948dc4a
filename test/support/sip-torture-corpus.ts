import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The RFC 4475 §3 torture messages, byte for byte (test/fixtures/rfc4475/INDEX.md
// says where they came from and why they must never be normalised).

const DIR = join(import.meta.dirname, '..', 'fixtures', 'rfc4475');

/** In the RFC's archive, but no section describes it: nothing may be asserted on it. */
const UNSPECIFIED = 'test';

export interface TortureMessage {
  /** The file name without ".dat", as the RFC names the test (wsinv, esc01...). */
  readonly name: string;
  readonly bytes: Buffer;
}

/** The 49 described messages, in file-name order. */
export function tortureMessages(): TortureMessage[] {
  return readdirSync(DIR)
    .filter((file) => file.endsWith('.dat') && file !== `${UNSPECIFIED}.dat`)
    .sort()
    .map((file) => ({ name: file.slice(0, -4), bytes: readFileSync(join(DIR, file)) }));
}

export function tortureMessage(name: string): Buffer {
  return readFileSync(join(DIR, `${name}.dat`));
}

/** Every file of the archive, test.dat included: seeds for the fuzzer, which asserts nothing per file. */
export function allTortureFiles(): Buffer[] {
  return [...tortureMessages().map((m) => m.bytes), tortureMessage(UNSPECIFIED)];
}

/** name → the verdict column of INDEX.md's table. */
export function indexVerdicts(): Map<string, 'valid' | 'invalid'> {
  const verdicts = new Map<string, 'valid' | 'invalid'>();
  for (const match of readFileSync(join(DIR, 'INDEX.md'), 'utf8').matchAll(/^\| (\w+)\.dat \| [^|]+ \| (valid|invalid) \|/gm)) {
    verdicts.set(match[1] as string, match[2] as 'valid' | 'invalid');
  }
  return verdicts;
}
