import { useState, type FormEvent } from 'react';
import type { ExtensionSummary } from '../../../../shared/extensions';
import type { InboundRoute } from '../../../../shared/routing';
import { Field } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { useSaveForm } from '../../ui/use-save-form';
import { destinationFromKey, destinationKey, REJECT_STATUSES } from './inbound-words';
import { routeFormErrors } from './route-field-errors';

/** Adds an inbound route, or changes where one goes (its number and trunk are its identity, so they stay). */
export function InboundRouteForm({
  route,
  trunkNames,
  extensions,
  onSaved,
  onCancel,
}: {
  route?: InboundRoute;
  trunkNames: readonly string[];
  extensions: readonly ExtensionSummary[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const editing = route !== undefined;
  const [did, setDid] = useState(route?.did ?? '');
  const [trunk, setTrunk] = useState(route?.trunk ?? '');
  const [destination, setDestination] = useState(route ? destinationKey(route.destination) : extensions[0] ? `extension:${extensions[0].number}` : '');
  const { form, saving, failed, errors, general, fail, save } = useSaveForm('input:not([readonly]), select:not(:disabled)');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const target = destinationFromKey(destination);
    if (!target) return fail({ message: 'Choose where the calls go.', fields: { destination: 'Choose where the calls go.' } });
    await save(async (client) => {
      await client.call('routes.saveInbound', { route: { did: did.trim(), ...(trunk ? { trunk } : {}), destination: target } });
      onSaved();
    }, routeFormErrors);
  }

  const titleId = `inbound-form-${route ? `${route.did}-${route.trunk ?? 'any'}` : 'new'}`;

  return (
    <form className="form route-form" ref={form} onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{editing ? `Edit calls to ${route.did === '*' ? 'any other number' : route.did}` : 'Add an inbound route'}</h3>
      <fieldset disabled={saving}>
        <Field
          label="Number called"
          required
          hint="The number people dial, in E.164 (+ and country code), or * for every number without a route of its own."
          error={errors.did}
        >
          {(control) => (
            <input {...control} name="did" type="tel" readOnly={editing} autoComplete="off" placeholder="+14155550100" value={did} onChange={(e) => setDid(e.target.value)} />
          )}
        </Field>
        <Field label="Coming in on" error={errors.trunk}>
          {(control) => (
            <select {...control} name="trunk" value={trunk} disabled={editing} onChange={(e) => setTrunk(e.target.value)}>
              <option value="">Any trunk</option>
              {trunkNames.map((name) => (
                <option key={name} value={name}>
                  Trunk {name} only
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Goes to" required error={errors.destination}>
          {(control) => (
            <select {...control} name="destination" value={destination} onChange={(e) => setDestination(e.target.value)}>
              {extensions.length === 0 && <option value="">No extensions yet</option>}
              {extensions.map((e) => (
                <option key={e.number} value={`extension:${e.number}`}>
                  Extension {e.number}
                  {e.name ? ` (${e.name})` : ''}
                </option>
              ))}
              {REJECT_STATUSES.map((r) => (
                <option key={r.status} value={`reject:${r.status}`}>
                  {r.words}
                </option>
              ))}
            </select>
          )}
        </Field>
        <FormActions label={editing ? 'Save route' : 'Add route'} busy={saving} onCancel={onCancel} status={general(['did', 'trunk', 'destination'])} failed={failed} />
      </fieldset>
    </form>
  );
}
