import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };

/** Where the built pieces sit beside the bundled CLI (dist/main/cli.js). */
const here = dirname(fileURLToPath(import.meta.url));

export const RENDERER_DIR = join(here, '..', 'renderer');
export const VERSION: string = pkg.version;
