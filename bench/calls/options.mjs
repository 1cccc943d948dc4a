// Command line of run.mjs and its two profiles (full: about 6 minutes for both
// servers; --quick: about a minute, a smoke test of the whole path).
import { parseArgs } from 'node:util';

export const HELP = `Usage: node bench/calls/run.mjs [--quick] [--server dialtone|kamailio|both] [--calls 100,200] [--keep]

Call benchmark of Dialtone (B2BUA + media relay) against Kamailio 5.6 with
rtpengine (userspace), SIPp UAC → server → SIPp UAS over UDP on loopback.
  --quick    smoke run: short steps, coarse rate search, 100 and 300 calls
  --server   which server to measure (default: both)
  --calls    concurrent calls with RTP to measure (default 100,200,300,400)
  --keep     keep the work dir (server logs, SIPp statistics, captures) and have
             SIPp write its error logs there (a line per call: slower SIPp)`;

const FULL = {
  name: 'full',
  users: 1000, // callers and as many callees
  rateStepSeconds: 8,
  holdMs: 1000,
  // Call setup rate search: ×1.5 from 200/s until a step fails, then bisection to 10 %.
  search: { startRate: 200, factor: 1.5, capRate: 2000, floorRate: 20, tolerance: 0.1, maxSteps: 7 },
  media: { calls: [100, 200, 300, 400], setupRate: 200, warmupMs: 1000, measureMs: 5000 },
};

const QUICK = {
  ...FULL,
  name: 'quick',
  users: 300, // as many as the largest N: quicker imports and registrations
  rateStepSeconds: 3,
  search: { ...FULL.search, startRate: 250, factor: 2, tolerance: 0.5, maxSteps: 2 },
  media: { ...FULL.media, calls: [100, 300], warmupMs: 500, measureMs: 1000 },
};

export function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false }, server: { type: 'string', default: 'both' }, calls: { type: 'string' }, keep: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  if (!['dialtone', 'kamailio', 'both'].includes(values.server)) throw new Error(`--server must be dialtone, kamailio or both, not "${values.server}".\n\n${HELP}`);
  const profile = values.quick ? QUICK : FULL;
  const calls = values.calls === undefined ? profile.media.calls : values.calls.split(',').map(Number);
  if (calls.some((n) => !Number.isInteger(n) || n < 1 || n > profile.users)) throw new Error(`--calls takes numbers from 1 to ${profile.users}.\n\n${HELP}`);
  return {
    help: values.help,
    keep: values.keep,
    servers: values.server === 'both' ? ['dialtone', 'kamailio'] : [values.server],
    profile: { ...profile, media: { ...profile.media, calls } },
  };
}
