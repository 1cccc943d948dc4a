import type { IncomingHttpHeaders } from 'node:http';

/**
 * A browser always sends Origin on WebSocket upgrades and on cross-site POSTs.
 * Requests that carry one must come from the page we served (same host and
 * port); requests without one come from non-browser clients, which cannot
 * carry the SameSite session cookie across sites anyway.
 */
export function isSameOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  const host = headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
