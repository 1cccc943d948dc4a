// `npm test`: every check, in order, with one total at the end.
// lint → typecheck → build → unit and integration (vitest) → end-to-end (Playwright, Chromium).
// Each step runs even when an earlier one failed, so one run shows everything;
// the last line is "N passed, N failed" over all runners.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = [];
mkdirSync('test-results', { recursive: true });

function run(name, command, args, env = {}) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${name}: ${status === 0 ? 'ok' : `failed (exit ${status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

for (const [name, args] of [
  ['lint', ['eslint', '.']],
  ['typecheck (node)', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']],
  ['typecheck (web)', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']],
]) {
  results.push({ runner: name, passed: run(name, npx, args) ? 1 : 0, failed: 0 });
  if (!results.at(-1).passed) results.at(-1).failed = 1;
}

const built = run('build', process.execPath, ['scripts/build.mjs']);
results.push({ runner: 'build', passed: built ? 1 : 0, failed: built ? 0 : 1 });

const vitestReport = 'test-results/vitest.json';
rmSync(vitestReport, { force: true });
const vitestOk = run('unit and integration', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
const vitest = readJson(vitestReport);
results.push({
  runner: 'vitest',
  passed: vitest?.numPassedTests ?? 0,
  failed: vitest ? vitest.numFailedTests + (vitestOk || vitest.numFailedTests > 0 ? 0 : 1) : 1,
});

const e2eReport = 'test-results/e2e-report.json';
rmSync(e2eReport, { force: true });
if (built) {
  const e2eOk = run('end-to-end', npx, ['playwright', 'test']);
  const stats = readJson(e2eReport)?.stats;
  results.push({
    runner: 'playwright',
    passed: stats ? stats.expected + stats.flaky : 0,
    failed: stats ? stats.unexpected + (e2eOk || stats.unexpected > 0 ? 0 : 1) : 1,
  });
} else {
  results.push({ runner: 'playwright', passed: 0, failed: 1 });
}

console.log('\nSummary:');
for (const r of results) console.log(`  ${r.runner.padEnd(22)} ${r.passed} passed, ${r.failed} failed`);
if (existsSync('test-results/screenshots')) console.log('  screenshots: test-results/screenshots/');
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
