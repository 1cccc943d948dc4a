import type { Settings, SettingsPatch } from '../../../shared/settings';
import { ContractError } from '../../../shared/errors';
import type { ContractClient } from '../api/contract-client';
import { createLiveStore } from './live-store';

/** The engine's settings: the whole app follows them (theme, number formatting). */
export const useSettings = createLiveStore({
  empty: { settings: undefined },
  load: (client) => client.call('settings.get', {}),
  loaded: (settings): { settings: Settings | undefined } => ({ settings }),
  on: { 'settings.changed': (settings) => ({ settings, status: 'ready' }) },
});

/** The country numbers are written and dialled for; the US until the settings have loaded. */
export const selectHomeCountry = (s: { settings: Settings | undefined }): string => s.settings?.homeCountry ?? 'US';

/** Saves a change; the engine's refusal comes back as a message, and one per field. */
export async function saveSettings(client: ContractClient, patch: SettingsPatch): Promise<{ ok: true } | { ok: false; message: string; fields?: Record<string, string> }> {
  try {
    useSettings.setState({ settings: await client.call('settings.update', patch) });
    return { ok: true };
  } catch (error) {
    if (error instanceof ContractError) return { ok: false, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
    return { ok: false, message: (error as Error).message };
  }
}
