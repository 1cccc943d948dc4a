import { normalize, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { contentSecurityPolicy } from '../pbx/api/content-security-policy';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://dialtone`;

/** Must run before app is ready: app:// behaves like https (secure context, fetch, CSP). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer from app://dialtone/, with the CSP as a real header; `engineWebSocket` is the phone's SIP socket. */
export function serveRenderer(rendererDir: string, engineWebSocket: string): void {
  const root = normalize(rendererDir + sep);
  const policy = contentSecurityPolicy([engineWebSocket]);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = normalize(join(root, relative));
    if (url.host !== 'dialtone' || !file.startsWith(root)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', policy);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** True when an IPC message comes from our own page, not from anything it navigated to. */
export function isTrustedSenderUrl(url: string | undefined): boolean {
  return url !== undefined && url.startsWith(`${APP_ORIGIN}/`);
}
