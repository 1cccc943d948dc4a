// Asks a running Dialtone how many registrations it holds, through the same
// path the web UI uses: sign in (POST /api/session), then the contract channel
// engine.status over the WebSocket bridge (shared/bridge-protocol.ts).
import WebSocket from 'ws';

const TIMEOUT_MS = 10000;

async function signIn(webUrl, password) {
  const response = await fetch(`${webUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`Dialtone sign-in failed: HTTP ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}

/** Returns registrations() → number; signs in once. The socket is closed between calls so no events are pushed during load. */
export function dialtoneStatusClient(webUrl, password) {
  let cookie;
  return {
    async registrations() {
      cookie ??= await signIn(webUrl, password);
      const socket = new WebSocket(`${webUrl.replace(/^http/, 'ws')}/api/bridge`, { headers: { cookie } });
      try {
        const out = await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('engine.status: no answer')), TIMEOUT_MS);
          socket.once('error', reject);
          socket.once('open', () => socket.send(JSON.stringify({ t: 'req', id: 1, ch: 'engine.status', in: {} })));
          socket.on('message', (data) => {
            const frame = JSON.parse(data.toString());
            if (frame.t !== 'res' || frame.id !== 1) return;
            clearTimeout(timer);
            if (frame.ok) resolve(frame.out);
            else reject(new Error(`engine.status: ${frame.err.message}`));
          });
        });
        return out.sip.registrations;
      } finally {
        socket.close();
      }
    },
  };
}
