import WebSocket from 'ws';
import { BRIDGE_PATH, serverFrameSchema } from '../../../shared/bridge-protocol';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/contract';

export interface ContractClient {
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  close(): void;
}

const CALL_TIMEOUT_MS = 5_000;

/** Signs in over HTTP as a browser does, and speaks the contract over the WebSocket bridge. */
export async function connectContract(webUrl: string, username: string, password: string): Promise<ContractClient> {
  const response = await fetch(`${webUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: webUrl },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;

  const ws = new WebSocket(`${webUrl.replace(/^http/, 'ws')}${BRIDGE_PATH}`, { headers: { cookie, origin: webUrl } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_request, res) => reject(new Error(`bridge refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });

  let nextId = 1;
  const pending = new Map<number, { resolve: (out: unknown) => void; reject: (error: Error) => void }>();
  ws.on('message', (data) => {
    const frame = serverFrameSchema.parse(JSON.parse(data.toString()));
    if (frame.t !== 'res') return;
    const waiter = pending.get(frame.id);
    pending.delete(frame.id);
    if (frame.ok) waiter?.resolve(frame.out);
    else waiter?.reject(new Error(`${frame.err.code}: ${frame.err.message}`));
  });

  return {
    call(channel, input) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${channel} got no answer in ${CALL_TIMEOUT_MS} ms`));
        }, CALL_TIMEOUT_MS);
        pending.set(id, {
          resolve: (out) => {
            clearTimeout(timer);
            resolve(out as ChannelOutput<typeof channel>);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        ws.send(JSON.stringify({ t: 'req', id, ch: channel, in: input }));
      });
    },
    close: () => ws.close(),
  };
}
