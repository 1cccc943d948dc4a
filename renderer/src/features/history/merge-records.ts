import type { CallRecord } from '../../../../shared/call-records';

/**
 * One list from records loaded in pages and records pushed live: each record
 * once, newest first. Ids grow with every record written, so they order the
 * list even when a live record and a page answer cross.
 */
export function mergeRecords(current: readonly CallRecord[], incoming: readonly CallRecord[]): CallRecord[] {
  const byId = new Map<number, CallRecord>();
  for (const record of [...current, ...incoming]) byId.set(record.id, record);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

/** Whether a record belongs in a list filtered to one extension (undefined: every call). */
export function involves(record: CallRecord, extension: string | undefined): boolean {
  return extension === undefined || record.caller === extension || record.callee === extension;
}
