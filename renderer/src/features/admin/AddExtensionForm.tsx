import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { useEngine } from '../../state/engine-store';
import { errorDetails, type ErrorDetails } from '../../ui/error-details';
import { FormActions } from '../../ui/FormActions';
import { TextField } from '../../ui/TextField';

const FIELDS = ['number', 'name', 'password'] as const;

type FormState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'added'; number: string; generated: boolean }
  | ({ kind: 'failed' } & ErrorDetails);

/** Adds one extension; the engine generates the password when none is typed. */
export function AddExtensionForm({ onAdded }: { onAdded: (result: ChannelOutput<'extensions.create'>) => void }) {
  const client = useEngine((s) => s.client);
  const [values, setValues] = useState({ number: '', name: '', password: '' });
  const [state, setState] = useState<FormState>({ kind: 'idle' });
  const numberInput = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);

  // The fieldset is disabled while saving, which drops the focus: give it back
  // where the person is needed (a generated password takes it when there is one).
  useEffect(() => {
    if (state.kind === 'failed') (form.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]') ?? numberInput.current)?.focus();
    if (state.kind === 'added' && !state.generated) numberInput.current?.focus();
  }, [state]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!client) return;
    setState({ kind: 'saving' });
    try {
      const name = values.name.trim();
      const result = await client.call('extensions.create', {
        number: values.number,
        ...(name ? { name } : {}),
        ...(values.password ? { password: values.password } : {}),
      });
      setValues({ number: '', name: '', password: '' });
      setState({ kind: 'added', number: result.number, generated: result.generatedPassword !== null });
      onAdded(result);
    } catch (error) {
      setState({ kind: 'failed', ...errorDetails(error) });
    }
  }

  const fieldError = (name: (typeof FIELDS)[number]) => (state.kind === 'failed' ? state.fields[name] : undefined);
  const edit = (name: (typeof FIELDS)[number], value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    if (state.kind !== 'saving') setState({ kind: 'idle' });
  };
  // The general message only when no field shows the problem.
  const message =
    state.kind === 'added'
      ? `Extension ${state.number} added.`
      : state.kind === 'failed' && !FIELDS.some((f) => state.fields[f])
        ? state.message
        : '';

  return (
    <form className="card form" ref={form} onSubmit={submit} aria-labelledby="add-extension-title">
      <h2 id="add-extension-title">Add an extension</h2>
      <fieldset disabled={state.kind === 'saving'}>
        <TextField
          label="Number"
          name="number"
          ref={numberInput}
          required
          autoComplete="off"
          spellCheck={false}
          value={values.number}
          onChange={(e) => edit('number', e.target.value)}
          hint="What people dial, and the phone's SIP username, e.g. 1001."
          error={fieldError('number')}
        />
        <TextField label="Name" name="name" autoComplete="off" maxLength={64} value={values.name} onChange={(e) => edit('name', e.target.value)} error={fieldError('name')} />
        <TextField
          label="Password (optional)"
          name="password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => edit('password', e.target.value)}
          hint="At least 8 characters. Leave it empty to have a strong one generated and shown once."
          error={fieldError('password')}
        />
        <FormActions label="Add extension" busy={state.kind === 'saving'} busyLabel="Adding…" status={message} failed={state.kind === 'failed'} />
      </fieldset>
    </form>
  );
}
