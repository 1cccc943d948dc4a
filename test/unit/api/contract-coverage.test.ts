import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, IPC_EVENT_CHANNEL, ipcChannelOf } from '../../../shared/contract';
import { createContractHandlers, type HandlerDeps } from '../../../main/pbx/api/contract-handlers';
import { EngineEvents } from '../../../main/pbx/engine-events';

const ipcHandlers = new Map<string, (...args: unknown[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (name: string, fn: (...args: unknown[]) => unknown) => ipcHandlers.set(name, fn),
    removeHandler: (name: string) => ipcHandlers.delete(name),
  },
}));

describe('every contract channel has a handler on both sides', () => {
  beforeEach(() => ipcHandlers.clear());

  it('the engine handles every channel', () => {
    const handlers = createContractHandlers({ events: new EngineEvents() } as unknown as HandlerDeps);
    expect(Object.keys(handlers).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('main binds every channel to ipcMain, and refuses callers that are not our page', async () => {
    const { bindContractToIpc } = await import('../../../main/app/ipc-bridge');
    const dispatch = vi.fn(async () => ({ ok: true as const, out: 'x' }));
    const pbx = { dispatch, events: new EngineEvents() } as unknown as Parameters<typeof bindContractToIpc>[0];
    const unbind = bindContractToIpc(pbx, () => undefined);
    expect([...ipcHandlers.keys()].sort()).toEqual(CHANNEL_NAMES.map(ipcChannelOf).sort());

    const handler = ipcHandlers.get(ipcChannelOf('settings.get'))!;
    expect(await handler({ senderFrame: { url: 'app://dialtone/index.html' } }, {})).toEqual({ ok: true, out: 'x' });
    expect(await handler({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({ ok: false, err: { code: 'E_FORBIDDEN' } });
    expect(dispatch).toHaveBeenCalledTimes(1);
    unbind();
    expect(ipcHandlers.size).toBe(0);
  });

  it('the built preload exposes one named function per channel and nothing of ipcRenderer', () => {
    const exposed: Record<string, unknown> = {};
    const invoked: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke: (name: string) => (invoked.push(name), Promise.resolve()), on: vi.fn(), removeListener: vi.fn() },
    };
    const source = readFileSync('dist/preload/preload.cjs', 'utf8');
    const module = { exports: {} };
    runInNewContext(source, {
      require: (id: string) => {
        if (id !== 'electron') throw new Error(`the sandboxed preload may require only electron, not ${id}`);
        return electron;
      },
      module,
      exports: module.exports,
    });
    const api = exposed.dialtone as { channels: Record<string, (input: unknown) => unknown>; onEvent: unknown };
    expect(Object.keys(exposed)).toEqual(['dialtone']);
    expect(Object.keys(api).sort()).toEqual(['channels', 'onEvent']);
    expect(Object.keys(api.channels).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const name of CHANNEL_NAMES) void api.channels[name]!({});
    expect(invoked.sort()).toEqual(CHANNEL_NAMES.map(ipcChannelOf).sort());
    (api.onEvent as (l: () => void) => void)(() => undefined);
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, expect.any(Function));
  });
});
