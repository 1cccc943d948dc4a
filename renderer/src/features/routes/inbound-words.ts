import type { InboundDestination } from '../../../../shared/routing';
import type { ExtensionSummary } from '../../../../shared/extensions';

/** Answers an inbound route can give instead of ringing someone. */
export const REJECT_STATUSES: readonly { status: number; words: string }[] = [
  { status: 404, words: 'Reject: number not in use (404)' },
  { status: 480, words: 'Reject: nobody available (480)' },
  { status: 603, words: 'Reject: decline (603)' },
];

/** A destination as the form's select holds it. */
export function destinationKey(destination: InboundDestination): string {
  return destination.type === 'extension' ? `extension:${destination.number}` : `reject:${destination.status}`;
}

export function destinationFromKey(key: string): InboundDestination | undefined {
  const [type, value = ''] = key.split(':');
  if (type === 'extension' && value) return { type: 'extension', number: value };
  if (type === 'reject' && /^\d{3}$/.test(value)) return { type: 'reject', status: Number(value) };
  return undefined;
}

/** "Extension 1001 (Reception)", "Reject: decline (603)". */
export function describeDestination(destination: InboundDestination, extensions: readonly ExtensionSummary[]): string {
  if (destination.type === 'reject') return REJECT_STATUSES.find((r) => r.status === destination.status)?.words ?? `Reject (${destination.status})`;
  const name = extensions.find((e) => e.number === destination.number)?.name;
  return name ? `Extension ${destination.number} (${name})` : `Extension ${destination.number}`;
}

/** "+14155550100", or words for the default route. */
export function describeDid(did: string): string {
  return did === '*' ? 'Any other number' : did;
}
