/**
 * The absolute WebSocket URL of phone.connection's answer: the desktop gets
 * one already; a browser gets a path, resolved against the page, with
 * http→ws and https→wss.
 */
export function resolveWebSocketUrl(url: string, page: string): string {
  const resolved = new URL(url, page);
  if (resolved.protocol === 'http:') resolved.protocol = 'ws:';
  else if (resolved.protocol === 'https:') resolved.protocol = 'wss:';
  return resolved.href;
}
