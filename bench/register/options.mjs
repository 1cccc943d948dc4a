// Command line of run.mjs and the two run profiles (full ≈ 6 min for both servers, --quick ≈ 1 min).
import { parseArgs } from 'node:util';

export const HELP = `Usage: node bench/register/run.mjs [--quick] [--server dialtone|kamailio|both]

Digest REGISTER benchmark of Dialtone against Kamailio 5.6 (SIPp over UDP, loopback).
  --quick    smoke run: shorter steps and a coarser rate search (about 1 minute)
  --server   which registrar to measure (default: both)`;

const FULL = {
  name: 'full',
  bindingUsers: 10000, // the memory test registers each once
  warmupUsers: 1000, // registered before the memory baseline, so JIT and pools are warm
  warmupCalls: 3000,
  warmupRate: 1500,
  memoryRate: 2000,
  stepSeconds: 8,
  sustainSeconds: 40, // the best rate once more, longer than Dialtone's 32 s Timer J
  search: { startRate: 2000, factor: 1.5, capRate: 10000, floorRate: 250, tolerance: 0.05, maxSteps: 8 },
};

const QUICK = {
  ...FULL,
  name: 'quick',
  warmupCalls: 0, // no warm-up, so no 34 s wait for its transactions before the memory baseline
  memoryRate: 2500,
  stepSeconds: 4,
  sustainSeconds: 0,
  search: { ...FULL.search, factor: 2, tolerance: 0.25, maxSteps: 4 },
};

/** One SIPp process tops out near 10,000 registrations/s on this class of machine (shared/sip/README.md). */
export const SIPP_CEILING = FULL.search.capRate;

export function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false }, server: { type: 'string', default: 'both' }, help: { type: 'boolean', default: false } },
  });
  if (!['dialtone', 'kamailio', 'both'].includes(values.server)) throw new Error(`--server must be dialtone, kamailio or both, not "${values.server}".\n\n${HELP}`);
  return {
    help: values.help,
    servers: values.server === 'both' ? ['dialtone', 'kamailio'] : [values.server],
    profile: values.quick ? QUICK : FULL,
  };
}
