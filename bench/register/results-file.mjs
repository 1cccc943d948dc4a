// Where every benchmark keeps its raw figures: bench/results (git-ignored), one JSON file a run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** bench/results, created if missing. */
export function resultsDir(repoDir) {
  const dir = join(repoDir, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes `data` to bench/results/<name>-<time>.json and prints where. */
export function writeResults(repoDir, name, data) {
  const file = join(resultsDir(repoDir), `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`\nRaw results: ${file}`);
}
