import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';

export type Logger = pino.Logger;

export interface LoggerOptions {
  /** Folder for engine.log; without it, JSON lines go to stdout. */
  logDir?: string;
  level?: string;
}

/**
 * The engine's structured log. Secrets never reach it: the paths below are
 * redacted wherever they appear, and callers never log passwords or tokens.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const redact = {
    paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'headers.cookie', 'ha1', '*.ha1'],
    censor: '[redacted]',
  };
  const level = options.level ?? 'info';
  if (!options.logDir) return pino({ level, redact });
  mkdirSync(options.logDir, { recursive: true });
  return pino({ level, redact }, pino.destination({ dest: join(options.logDir, 'engine.log'), mkdir: true, sync: false }));
}

export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
