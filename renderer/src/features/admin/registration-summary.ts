import type { Registration } from '../../../../shared/extensions';

/** "Registered (2 devices)" or "Not registered". */
export function registrationSummary(registrations: readonly Registration[]): string {
  const n = registrations.length;
  return n === 0 ? 'Not registered' : `Registered (${n} ${n === 1 ? 'device' : 'devices'})`;
}

/** One line per device, for a tooltip and the expanded row: what it is and where it registered from. */
export function describeDevice(registration: Registration): string {
  return `${registration.userAgent || 'Unknown device'} — ${registration.source} (${registration.protocol})`;
}
