import { mkdirSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';

export type SecurityEventKind = 'auth_failed' | 'auth_locked';

export interface SecurityEvent {
  kind: SecurityEventKind;
  /** web, sip */
  service: string;
  /** udp, tcp, ws, tls, wss, http */
  proto: string;
  /** The socket's source address, never a header's claim. */
  src: string;
  port: number;
  user: string;
  method?: string;
}

/** Printable ASCII only, no quotes or backslashes: a value can never forge another field or line. */
function clean(value: string): string {
  return value.replace(/[^\x21-\x7e]|["\\]/g, '?').slice(0, 64);
}

export function formatSecurityEvent(event: SecurityEvent, at: Date): string {
  const method = event.method ? ` method=${clean(event.method)}` : '';
  return (
    `${at.toISOString()} dialtone security: event=${event.kind} service=${event.service} proto=${event.proto}` +
    ` src=${clean(event.src)} port=${event.port} user="${clean(event.user)}"${method}\n`
  );
}

export interface SecurityLog {
  record(event: SecurityEvent): void;
}

/**
 * Appends each line to <logDir>/security.log, in the format docs/fail2ban
 * matches. Synchronously, so an attacker who crashes the process cannot erase
 * the evidence that led up to it.
 */
export function securityLogFile(logDir: string): (line: string) => void {
  mkdirSync(logDir, { recursive: true });
  const file = join(logDir, 'security.log');
  return (line) => appendFileSync(file, line);
}

export function createSecurityLog(sink: (line: string) => void, now: () => Date = () => new Date()): SecurityLog {
  return { record: (event) => sink(formatSecurityEvent(event, now())) };
}
