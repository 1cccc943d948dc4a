// Builds everything into dist/: the engine and CLI (Node ESM), the Electron
// main (ESM) and preload (CommonJS, as a sandboxed preload must be), and the
// renderer (Vite). Type checking is separate (npm run typecheck).
import { existsSync, renameSync, rmSync } from 'node:fs';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const started = Date.now();
// Build beside dist/ and swap it in at the end: a running engine or test keeps a complete dist/ meanwhile.
const OUT = `dist.next-${process.pid}`;
rmSync(OUT, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  esbuild({
    ...common,
    format: 'esm',
    entryPoints: { cli: 'main/cli/cli.ts', 'app/main': 'main/app/main.ts', 'media-relay-worker': 'main/pbx/media/relay/media-relay-worker.ts' },
    outdir: `${OUT}/main`,
    // Lets bundled CommonJS dependencies call require() from ESM output.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  }),
  esbuild({
    ...common,
    format: 'cjs',
    entryPoints: { preload: 'preload/preload.ts' },
    outdir: `${OUT}/preload`,
    outExtension: { '.js': '.cjs' },
    // A sandboxed preload can require only electron; everything else is bundled.
    packages: undefined,
    external: ['electron'],
  }),
]);

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: `../${OUT}/renderer` } });
const old = `dist.old-${process.pid}`;
if (existsSync('dist')) renameSync('dist', old);
renameSync(OUT, 'dist');
rmSync(old, { recursive: true, force: true });
console.log(`built dist/ in ${Date.now() - started} ms`);
