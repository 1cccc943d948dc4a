// Starts media-generator.mjs as a child process and talks to it over IPC.
import { fileURLToPath } from 'node:url';
import { startTracked, stopTracked } from '../register/child-processes.mjs';

const GENERATOR = fileURLToPath(new URL('./media-generator.mjs', import.meta.url));
const REPLY_TIMEOUT_MS = 60_000;

export async function startMediaGenerator() {
  const tracked = startTracked(process.execPath, [GENERATOR], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let exited;
  tracked.exited.then((result) => (exited = result));

  /** Resolves with the next message of `type` (after sending `message`, if any); rejects on an error report, exit or timeout. */
  const next = (type, message) =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new Error(`the media generator exited: ${JSON.stringify(exited)}`));
      const finish = (settle) => {
        clearTimeout(timer);
        tracked.child.off('message', onMessage);
        settle();
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`the media generator sent no "${type}" within ${REPLY_TIMEOUT_MS / 1000} s`))), REPLY_TIMEOUT_MS);
      const onMessage = (reply) => {
        if (reply.type === 'error') finish(() => reject(new Error(`media generator: ${reply.message}`)));
        else if (reply.type === type) finish(() => resolve(reply));
      };
      tracked.child.on('message', onMessage);
      tracked.exited.then((result) => finish(() => reject(new Error(`the media generator exited: ${JSON.stringify(result)}`))));
      if (message) tracked.child.send(message);
    });

  await next('ready');
  return { pid: tracked.child.pid, next, stop: () => stopTracked(tracked, 2000) };
}
