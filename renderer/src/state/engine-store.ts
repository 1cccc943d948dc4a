import { create } from 'zustand';
import type { Whoami } from '../../../shared/contract';
import { ContractError } from '../../../shared/errors';
import type { ConnectionState, PreloadApi } from '../../../shared/transport';
import { createContractClient, type ContractClient } from '../api/contract-client';
import { currentSession, signIn, signOut } from '../api/http-session';
import { createIpcTransport } from '../api/ipc-transport';
import { createWsTransport, type WsTransport } from '../api/ws-transport';

declare global {
  interface Window {
    dialtone?: PreloadApi;
  }
}

export type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out'; error?: string; pending?: boolean }
  | { status: 'signed-in'; user: Whoami };

interface EngineState {
  mode: 'desktop' | 'browser';
  client: ContractClient | undefined;
  connection: ConnectionState;
  nextAttemptAt: number | undefined;
  session: SessionState;
  boot(): Promise<void>;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

let wsTransport: WsTransport | undefined;

/** Which engine we talk to, how, and who we are to it. */
export const useEngine = create<EngineState>((set, get) => {
  function attachWs() {
    wsTransport?.close();
    const transport = createWsTransport();
    wsTransport = transport;
    transport.onStateChange((state) => {
      set({ connection: state, nextAttemptAt: transport.nextAttemptAt });
      if (state === 'signed-out') set({ session: { status: 'signed-out', error: 'Your session ended. Sign in again.' }, client: undefined });
    });
    set({ client: createContractClient(transport), connection: 'connecting' });
    transport.connect();
  }

  return {
    mode: window.dialtone ? 'desktop' : 'browser',
    client: undefined,
    connection: 'connecting',
    nextAttemptAt: undefined,
    session: { status: 'checking' },

    async boot() {
      if (window.dialtone) {
        const client = createContractClient(createIpcTransport(window.dialtone));
        set({ client, connection: 'connected' });
        const user = await client.call('session.whoami', {});
        set({ session: { status: 'signed-in', user } });
        return;
      }
      try {
        const user = await currentSession();
        if (!user) return set({ session: { status: 'signed-out' }, connection: 'signed-out' });
        set({ session: { status: 'signed-in', user } });
        attachWs();
      } catch (error) {
        set({
          session: { status: 'signed-out', error: error instanceof Error ? error.message : String(error) },
          connection: 'reconnecting',
        });
      }
    },

    async signIn(username, password) {
      set({ session: { status: 'signed-out', pending: true } });
      try {
        const user = await signIn(username, password);
        set({ session: { status: 'signed-in', user } });
        attachWs();
      } catch (error) {
        const message = error instanceof ContractError || error instanceof Error ? error.message : String(error);
        set({ session: { status: 'signed-out', error: message } });
      }
    },

    async signOut() {
      if (get().mode === 'desktop') return;
      wsTransport?.close();
      wsTransport = undefined;
      await signOut();
      set({ session: { status: 'signed-out' }, client: undefined, connection: 'signed-out' });
    },
  };
});
