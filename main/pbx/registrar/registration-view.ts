import type { Registration } from '../../../shared/extensions';
import { formatHost } from '../sip/message/uri';
import type { Binding } from './binding';

/** How a binding is shown to people (admin console, CLI): no internal ids. */
export function registrationView(binding: Binding): Registration {
  return {
    contact: binding.contactUri,
    protocol: binding.protocol.toUpperCase(),
    source: `${formatHost(binding.sourceAddress)}:${binding.sourcePort}`,
    userAgent: binding.userAgent,
    expiresAt: binding.expiresAt,
  };
}
