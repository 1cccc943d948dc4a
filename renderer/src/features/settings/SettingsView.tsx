import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/settings';
import { useEngine } from '../../state/engine-store';
import { saveSettings, useSettings } from '../../state/settings-store';
import { FormActions } from '../../ui/FormActions';
import { LoadState } from '../../ui/LoadState';
import { ViewHeader } from '../../ui/ViewHeader';
import { DeviceSettings } from '../phone/DeviceSettings';
import { countryOptions } from './country-options';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string; fields?: Record<string, string> };

export function SettingsView() {
  const client = useEngine((s) => s.client);
  const isAdmin = useEngine((s) => s.session.status === 'signed-in' && s.session.user.role === 'admin');
  const { status, settings, error, load } = useSettings();
  // Only what the person changed is local; everything else follows the engine.
  const [edits, setEdits] = useState<Partial<Settings>>({});
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const draft = settings && { ...settings, ...edits };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!client || !draft) return;
    setSaveState({ kind: 'saving' });
    const result = await saveSettings(client, edits);
    if (result.ok) setEdits({});
    setSaveState(result.ok ? { kind: 'saved' } : { kind: 'failed', message: result.message, ...(result.fields ? { fields: result.fields } : {}) });
  }

  const fieldError = (name: keyof Settings) => (saveState.kind === 'failed' ? saveState.fields?.[name] : undefined);
  const edit = (patch: Partial<Settings>) => {
    setEdits((e) => ({ ...e, ...patch }));
    setSaveState({ kind: 'idle' });
  };

  return (
    <section className="view">
      <ViewHeader title="Settings" />
      <LoadState status={status} error={error} onRetry={() => client && void load(client)} what="settings">
        {draft && (
          <form className="card form" onSubmit={submit}>
            <fieldset disabled={!isAdmin || saveState.kind === 'saving'}>
              <label>
                Home country
                <select name="homeCountry" value={draft.homeCountry} onChange={(e) => edit({ homeCountry: e.target.value })}>
                  {countryOptions().map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.label}
                    </option>
                  ))}
                </select>
                <small>Numbers without a country code are read as numbers of this country.</small>
                {fieldError('homeCountry') && <small className="error">{fieldError('homeCountry')}</small>}
              </label>
              <label>
                Display name
                <input name="displayName" value={draft.displayName} maxLength={64} onChange={(e) => edit({ displayName: e.target.value })} />
                <small>Shown to the people you call when your extension has no name of its own.</small>
                {fieldError('displayName') && <small className="error">{fieldError('displayName')}</small>}
              </label>
              <label>
                Appearance
                <select name="theme" value={draft.theme} onChange={(e) => edit({ theme: e.target.value as Settings['theme'] })}>
                  <option value="system">Same as the system</option>
                  <option value="light">Light</option>
                  <option value="dark">Dark</option>
                </select>
              </label>
              <FormActions
                label="Save"
                busy={saveState.kind === 'saving'}
                status={saveState.kind === 'saved' ? 'Saved.' : saveState.kind === 'failed' ? saveState.message : ''}
                failed={saveState.kind === 'failed'}
              />
            </fieldset>
            {!isAdmin && <p className="hint">Only an administrator can change these settings.</p>}
          </form>
        )}
      </LoadState>
      <DeviceSettings />
    </section>
  );
}
