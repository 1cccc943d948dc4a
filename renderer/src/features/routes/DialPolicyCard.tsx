import { useState, type FormEvent } from 'react';
import type { ExtensionSummary } from '../../../../shared/extensions';
import type { DialPolicy } from '../../../../shared/routing';
import { useEngine } from '../../state/engine-store';
import type { ErrorDetails } from '../../ui/error-details';
import { Field } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { CountryPicker } from './CountryPicker';
import { routeFormErrors } from './route-field-errors';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | ({ kind: 'failed' } & ErrorDetails);

/** Who may call abroad: countries anyone may call, and extensions that may call any country. */
export function DialPolicyCard({ policy, extensions, onSaved }: { policy: DialPolicy; extensions: readonly ExtensionSummary[]; onSaved: () => void }) {
  const client = useEngine((s) => s.client);
  // Only what the person changed is local; the rest follows the engine.
  const [edits, setEdits] = useState<Partial<DialPolicy>>({});
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const draft = { ...policy, ...edits };
  const edit = (patch: Partial<DialPolicy>) => {
    setEdits((e) => ({ ...e, ...patch }));
    setState({ kind: 'idle' });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!client) return;
    setState({ kind: 'saving' });
    try {
      await client.call('routes.setPolicy', { policy: draft });
      setEdits({});
      setState({ kind: 'saved' });
      onSaved();
    } catch (error) {
      setState({ kind: 'failed', ...routeFormErrors(error) });
    }
  }

  const errors = state.kind === 'failed' ? state.fields : {};
  const toggleExtension = (number: string, allowed: boolean) =>
    edit({ internationalExtensions: allowed ? [...draft.internationalExtensions, number] : draft.internationalExtensions.filter((n) => n !== number) });

  return (
    <form className="card form policy-card" onSubmit={submit} aria-labelledby="policy-title">
      <h2 id="policy-title">Calls abroad</h2>
      <p className="hint card-intro">Calls to other countries are refused unless the country is listed here or the caller is. Emergency numbers always work.</p>
      <fieldset disabled={state.kind === 'saving'}>
        <Field label="Countries anyone may call" hint="Numbers in the home country are never affected." error={errors.internationalAllowList}>
          {(control) => <CountryPicker control={control} chosen={draft.internationalAllowList} onChange={(codes) => edit({ internationalAllowList: codes })} />}
        </Field>
        <fieldset className="check-group" aria-describedby={errors.internationalExtensions ? 'policy-extensions-error' : undefined}>
          <legend>Extensions that may call any country</legend>
          {extensions.length === 0 && <p className="hint">No extensions yet.</p>}
          <div className="check-grid">
            {extensions.map((e) => (
              <label key={e.number} className="check">
                <input
                  type="checkbox"
                  name="internationalExtensions"
                  value={e.number}
                  checked={draft.internationalExtensions.includes(e.number)}
                  onChange={(event) => toggleExtension(e.number, event.target.checked)}
                />
                {e.number}
                {e.name && <span className="muted"> {e.name}</span>}
              </label>
            ))}
          </div>
          {errors.internationalExtensions && (
            <small id="policy-extensions-error" className="error">
              {errors.internationalExtensions}
            </small>
          )}
        </fieldset>
        <FormActions
          label="Save"
          busy={state.kind === 'saving'}
          status={state.kind === 'saved' ? 'Saved.' : state.kind === 'failed' && !Object.keys(errors).length ? state.message : ''}
          failed={state.kind === 'failed'}
        />
      </fieldset>
    </form>
  );
}
