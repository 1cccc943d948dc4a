import { create } from 'zustand';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import { ContractError } from '../../../shared/errors';
import type { ContractClient } from '../api/contract-client';

interface SettingsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  settings: Settings | undefined;
  error: string | undefined;
  load(client: ContractClient): Promise<void>;
  save(client: ContractClient, patch: SettingsPatch): Promise<{ ok: true } | { ok: false; message: string; fields?: Record<string, string> }>;
  /** Applies a settings.changed event from the engine. */
  receive(settings: Settings): void;
}

export const useSettings = create<SettingsState>((set) => ({
  status: 'idle',
  settings: undefined,
  error: undefined,
  async load(client) {
    set({ status: 'loading', error: undefined });
    try {
      set({ status: 'ready', settings: await client.call('settings.get', {}) });
    } catch (error) {
      set({ status: 'error', error: (error as Error).message });
    }
  },
  async save(client, patch) {
    try {
      set({ settings: await client.call('settings.update', patch) });
      return { ok: true };
    } catch (error) {
      if (error instanceof ContractError) return { ok: false, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
      return { ok: false, message: (error as Error).message };
    }
  },
  receive(settings) {
    set({ settings, status: 'ready' });
  },
}));
