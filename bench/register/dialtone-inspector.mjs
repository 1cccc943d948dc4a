// Talks to the engine's V8 inspector (started with --inspect=127.0.0.1:0) to
// force a full garbage collection and read heap figures, so that memory is
// compared after a settle and not at a random point of the GC cycle.
// Chrome DevTools Protocol: HeapProfiler.collectGarbage, Runtime.evaluate.
import WebSocket from 'ws';

async function withSession(url, use) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 0;
  const pending = new Map();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    const settle = pending.get(message.id);
    if (!settle) return;
    pending.delete(message.id);
    if (message.error) settle.reject(new Error(`inspector: ${message.error.message}`));
    else settle.resolve(message.result);
  });
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    return await use(call);
  } finally {
    socket.close(); // an idle inspector without a session costs the engine nothing
  }
}

/** Two full collections (the second frees what finalizers of the first released), then process.memoryUsage(). */
export function collectGarbageAndMeasure(url) {
  return withSession(url, async (call) => {
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const { result } = await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    return JSON.parse(result.value);
  });
}
