// Memory cost of one registration binding: memory after registering N distinct
// users once each, minus memory before, divided by the bindings the server
// itself reports as added. Both readings are taken once the transactions of
// earlier requests have ended, so only bindings remain in the difference.
import { formatSippLine } from './report.mjs';
import { runSipp } from './sipp-run.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits out the server's transaction state of the load just sent. */
export async function waitForTransactionsToEnd(server, log) {
  if (server.transactionLingerMs === 0) return;
  log(`  ${server.name.padEnd(9)} waiting ${server.transactionLingerMs / 1000} s for its UDP server transactions to end (Timer J)`);
  await sleep(server.transactionLingerMs);
}

export async function measureMemoryPerBinding(server, sipp, { users, rate, log }) {
  const bindingsBefore = await server.bindings();
  const before = await server.memory();
  const load = { ...sipp, usersCsv: users.sippBindingUsers, serverPort: server.sipPort, calls: users.bindingUsers };
  const register = async (atRate) => {
    const run = await runSipp({ ...load, rate: atRate });
    log(formatSippLine(server.name, `memory test (${users.bindingUsers} users)`, run));
    return run;
  };
  const runs = [await register(rate)];
  // Registering every user again refreshes the bindings that exist and adds the missing ones.
  if (runs[0].failed > 0) runs.push(await register(Math.round(rate / 2)));
  await waitForTransactionsToEnd(server, log);
  const after = await server.memory();
  const bindingsAfter = await server.bindings();
  log(`  ${server.name.padEnd(9)} bindings ${bindingsBefore} → ${bindingsAfter}`);
  const added = bindingsAfter - bindingsBefore;
  const perBinding = Object.fromEntries(
    Object.keys(after)
      .filter((key) => key.endsWith('Bytes'))
      .map((key) => [key, added > 0 ? (after[key] - before[key]) / added : null]),
  );
  return { bindingsBefore, bindingsAfter, added, expected: users.bindingUsers, before, after, perBinding, runs };
}
