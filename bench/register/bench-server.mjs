// The whole measurement of one registrar: start it, warm it up, measure
// memory per binding, search its maximum rate, hold that rate, stop it.
import { runLoadStep } from './load-step.mjs';
import { measureMemoryPerBinding, waitForTransactionsToEnd } from './memory-per-binding.mjs';
import { searchMaxRate } from './rate-search.mjs';
import { formatSippLine, formatStepLine } from './report.mjs';
import { runSipp } from './sipp-run.mjs';

export async function benchServer(startServer, { workDir, scenario, users, profile, log }) {
  const startMs = performance.now();
  const server = await startServer();
  try {
    const name = server.name;
    log(`${name}: SIP on 127.0.0.1:${server.sipPort}/udp, ${server.pids().length} process(es), log ${server.logFile}`);
    const sipp = { scenario, workDir };

    let warmup = null;
    if (profile.warmupCalls > 0) {
      warmup = await runSipp({ ...sipp, usersCsv: users.sippWarmupUsers, serverPort: server.sipPort, rate: profile.warmupRate, calls: profile.warmupCalls });
      log(formatSippLine(name, `warm-up (${users.warmupUsers} users)`, warmup));
      await waitForTransactionsToEnd(server, log);
    }

    const memory = await measureMemoryPerBinding(server, sipp, { users, rate: profile.memoryRate, log });

    // The load steps refresh the bindings the memory test created: the steady state of a registrar.
    const loadSipp = { ...sipp, usersCsv: users.sippBindingUsers };
    const runStep = async (rate, seconds) => {
      const step = await runLoadStep(server, loadSipp, { rate, seconds });
      log(formatStepLine(name, step));
      return step;
    };
    const search = await searchMaxRate((rate) => runStep(rate, profile.stepSeconds), profile.search);
    // Short steps end before the state a server keeps per request (Dialtone: Timer J, 32 s) reaches
    // its steady level; holding the best rate longer shows whether it is sustained.
    const sustained = search.best && profile.sustainSeconds > 0 ? await runStep(search.best.rate, profile.sustainSeconds) : null;

    return {
      server: name,
      sipPort: server.sipPort,
      processes: server.pids().length,
      warmup,
      memory,
      rateSearch: { policy: profile.search, stepSeconds: profile.stepSeconds, ...search, reference: search.steps.find((s) => s.rate === profile.search.startRate) ?? null },
      sustained,
      wallSeconds: (performance.now() - startMs) / 1000,
    };
  } finally {
    await server.stop();
  }
}
