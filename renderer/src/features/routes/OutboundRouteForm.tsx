import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { OutboundRoute } from '../../../../shared/routing';
import { useEngine } from '../../state/engine-store';
import { Field } from '../../ui/Field';
import { TextField } from '../../ui/TextField';
import { routeFormErrors, type FormErrors } from './route-field-errors';
import { TrunkOrderPicker } from './TrunkOrderPicker';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | ({ kind: 'failed' } & FormErrors);

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
  const client = useEngine((s) => s.client);
  const editing = route !== undefined;
  const [name, setName] = useState(route?.name ?? '');
  const [patterns, setPatterns] = useState(route?.patterns.join('\n') ?? '');
  const [prepend, setPrepend] = useState(route?.prepend ?? '');
  const [trunks, setTrunks] = useState<string[]>(route?.trunks ?? []);
  const [callerId, setCallerId] = useState(route?.callerId ?? '');
  const [enabled, setEnabled] = useState(route?.enabled ?? true);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input:not([readonly]), textarea')?.focus();
  }, []);
  useEffect(() => {
    if (state.kind === 'failed') form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!client) return;
    const patternList = lines(patterns);
    // Empty fields are caught here, in words; the engine checks everything else.
    const missing: Record<string, string> = {};
    if (name.trim() === '') missing.name = 'Give the route a name, such as National or International.';
    if (patternList.length === 0) missing.patterns = 'Enter at least one dial pattern.';
    if (trunks.length === 0) missing.trunks = 'Choose at least one trunk.';
    if (Object.keys(missing).length > 0) return setState({ kind: 'failed', message: 'Some fields need a value.', fields: missing });

    setState({ kind: 'saving' });
    const saved: OutboundRoute = { name: name.trim(), enabled, patterns: patternList, prepend: prepend.trim(), trunks, ...(callerId.trim() ? { callerId: callerId.trim() } : {}) };
    try {
      await client.call('routes.saveOutbound', { route: saved });
      onSaved();
    } catch (error) {
      setState({ kind: 'failed', ...routeFormErrors(error, { patterns: patternList, trunks }) });
    }
  }

  const errors = state.kind === 'failed' ? state.fields : {};
  const shown = ['name', 'patterns', 'prepend', 'trunks', 'callerId'];
  const general = state.kind === 'failed' && !shown.some((f) => errors[f]) ? state.message : '';
  const titleId = `route-form-${route?.name ?? 'new'}`;

  return (
    <form className="form route-form" ref={form} onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{editing ? `Edit route ${route.name}` : 'Add an outbound route'}</h3>
      <fieldset disabled={state.kind === 'saving'}>
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
        <div className="form-actions">
          <button type="submit" className="primary">
            {state.kind === 'saving' ? 'Saving…' : editing ? 'Save route' : 'Add route'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <span role="status" aria-live="polite" className="error">
            {general}
          </span>
        </div>
      </fieldset>
    </form>
  );
}
