import { join } from 'node:path';
import { runProcess, type RunResult } from '../peers/child-process';

const DIALTONE = join(import.meta.dirname, '..', '..', '..', 'bin', 'dialtone.js');

/** `dialtone <args> --data-dir DIR` as a person types it (the built CLI), whatever its exit code. */
export function dialtoneIn(dataDir: string, ...args: string[]): Promise<RunResult> {
  return runProcess(process.execPath, [DIALTONE, ...args, '--data-dir', dataDir], 40_000);
}
