import { useState, type FormEvent } from 'react';
import type { OutboundRoute } from '../../../../shared/routing';
import { Field } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { TextField } from '../../ui/TextField';
import { useSaveForm } from '../../ui/use-save-form';
import { routeFormErrors } from './route-field-errors';
import { TrunkOrderPicker } from './TrunkOrderPicker';

const PATTERN_HELP =
  'One a line. X is any digit, Z 1–9, N 2–9, [1-5] one of a set, . one or more digits, ! zero or more. Digits before | must be dialled and are removed: 9|NXXNXXXXXX is a 10-digit number after a 9.';

/** The lines of a textarea, trimmed, without empty ones. */
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '');

/** Adds an outbound route, or edits one (its name is its identity, so it stays). */
export function OutboundRouteForm({
  route,
  trunkNames,
  onSaved,
  onCancel,
}: {
  route?: OutboundRoute;
  trunkNames: readonly string[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const editing = route !== undefined;
  const [name, setName] = useState(route?.name ?? '');
  const [patterns, setPatterns] = useState(route?.patterns.join('\n') ?? '');
  const [prepend, setPrepend] = useState(route?.prepend ?? '');
  const [trunks, setTrunks] = useState<string[]>(route?.trunks ?? []);
  const [callerId, setCallerId] = useState(route?.callerId ?? '');
  const [enabled, setEnabled] = useState(route?.enabled ?? true);
  const { form, saving, failed, errors, general, fail, save } = useSaveForm('input:not([readonly]), textarea');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const patternList = lines(patterns);
    // Empty fields are caught here, in words; the engine checks everything else.
    const missing: Record<string, string> = {};
    if (name.trim() === '') missing.name = 'Give the route a name, such as National or International.';
    if (patternList.length === 0) missing.patterns = 'Enter at least one dial pattern.';
    if (trunks.length === 0) missing.trunks = 'Choose at least one trunk.';
    if (Object.keys(missing).length > 0) return fail({ message: 'Some fields need a value.', fields: missing });

    const saved: OutboundRoute = { name: name.trim(), enabled, patterns: patternList, prepend: prepend.trim(), trunks, ...(callerId.trim() ? { callerId: callerId.trim() } : {}) };
    await save(
      async (client) => {
        await client.call('routes.saveOutbound', { route: saved });
        onSaved();
      },
      (error) => routeFormErrors(error, { patterns: patternList, trunks }),
    );
  }

  const titleId = `route-form-${route?.name ?? 'new'}`;

  return (
    <form className="form route-form" ref={form} onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{editing ? `Edit route ${route.name}` : 'Add an outbound route'}</h3>
      <fieldset disabled={saving}>
        <Field label="Name" required error={errors.name}>
          {(control) => <input {...control} name="name" readOnly={editing} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Dial patterns" required hint={PATTERN_HELP} error={errors.patterns}>
          {(control) => <textarea {...control} name="patterns" rows={3} spellCheck={false} value={patterns} onChange={(e) => setPatterns(e.target.value)} />}
        </Field>
        <TextField
          label="Prepend"
          name="prepend"
          autoComplete="off"
          inputMode="tel"
          value={prepend}
          onChange={(e) => setPrepend(e.target.value)}
          hint="Digits put in front of the number after the prefix is removed; usually empty."
          error={errors.prepend}
        />
        <Field label="Trunks" required hint="Tried in this order: the next one when a trunk fails or is busy." error={errors.trunks}>
          {(control) => <TrunkOrderPicker control={control} chosen={trunks} available={trunkNames} onChange={setTrunks} />}
        </Field>
        <TextField
          label="Caller ID"
          name="callerId"
          type="tel"
          autoComplete="off"
          placeholder="+14155550100"
          value={callerId}
          onChange={(e) => setCallerId(e.target.value)}
          hint="The number callees see on this route, unless the extension has its own. Empty: the trunk's."
          error={errors.callerId}
        />
        <label className="check">
          <input type="checkbox" name="enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Use this route
        </label>
        <FormActions
          label={editing ? 'Save route' : 'Add route'}
          busy={saving}
          onCancel={onCancel}
          status={general(['name', 'patterns', 'prepend', 'trunks', 'callerId'])}
          failed={failed}
        />
      </fieldset>
    </form>
  );
}
