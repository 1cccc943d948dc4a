// The benchmarks run the bundled engine: build it once if dist/ lacks it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Builds the engine (node scripts/build.mjs) unless dist/ already has the CLI and the relay worker. */
export function ensureBuilt(repoDir) {
  const main = join(repoDir, 'dist', 'main');
  if (existsSync(join(main, 'cli.js')) && existsSync(join(main, 'media-relay-worker.js'))) return;
  console.log('dist/ is missing: building the engine (node scripts/build.mjs)…');
  if (spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoDir, stdio: 'inherit' }).status !== 0) throw new Error('The build failed.');
}
