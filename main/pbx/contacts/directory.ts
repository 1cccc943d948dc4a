import type { ActiveCall } from '../../../shared/call-records';
import type { DirectoryEntry } from '../../../shared/contacts';
import type { LocationService } from '../registrar/location-service';
import type { ExtensionRepository } from '../store/extension-repository';

/**
 * The office as everyone may see it: each extension's name and presence —
 * on a call, ringing, available (a device is registered) or offline — and
 * nothing about devices or addresses.
 */
export function directory(extensions: ExtensionRepository, location: LocationService, calls: readonly ActiveCall[]): DirectoryEntry[] {
  const busy = new Set<string>();
  const ringing = new Set<string>();
  for (const call of calls) {
    if (call.state === 'answered') {
      busy.add(call.caller);
      busy.add(call.callee);
    } else {
      busy.add(call.caller);
      ringing.add(call.callee);
    }
  }
  return extensions.list().map((row) => ({
    number: row.number,
    name: row.name,
    presence: busy.has(row.number) ? 'busy' : ringing.has(row.number) ? 'ringing' : location.lookup(row.number).length > 0 ? 'available' : 'offline',
  }));
}
