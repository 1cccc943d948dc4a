#!/usr/bin/env node
// The `dialtone` command: runs the bundled CLI that `npm ci` (prepare) builds.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('Dialtone is not built yet. Run "npm run build" (npm ci does this for you).');
  process.exit(1);
}
await import(cli.href);
