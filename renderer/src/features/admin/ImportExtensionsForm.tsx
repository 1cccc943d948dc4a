import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { useEngine } from '../../state/engine-store';
import { errorDetails } from '../../ui/error-details';
import { TextField } from '../../ui/TextField';

/**
 * The contract accepts 2 MB, but a browser's request travels in one bridge
 * frame, which the engine caps at 256 KiB; refuse early with a useful answer.
 */
const MAX_FILE_BYTES = 200 * 1024;

type ImportState = { kind: 'idle' } | { kind: 'importing' } | { kind: 'imported'; created: number } | { kind: 'failed'; message: string };

/**
 * Imports extensions from a CSV file, all or nothing. `onFailed` lets the list
 * reload anyway: a call that timed out may still have been carried out.
 */
export function ImportExtensionsForm({
  onImported,
  onFailed,
}: {
  onImported: (result: ChannelOutput<'extensions.import'>) => void;
  onFailed: () => void;
}) {
  const client = useEngine((s) => s.client);
  const [file, setFile] = useState<File | undefined>();
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);

  // The fieldset is disabled while importing, which drops the focus: a failure puts it back on the file.
  useEffect(() => {
    if (state.kind === 'failed') fileInput.current?.focus();
  }, [state]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!client || !file) return;
    if (file.size > MAX_FILE_BYTES) {
      setState({ kind: 'failed', message: 'The file is too large to send from a browser (200 KB at most). For more, run "dialtone ext import FILE" on the engine\'s machine.' });
      return;
    }
    const form = event.currentTarget;
    setState({ kind: 'importing' });
    try {
      const result = await client.call('extensions.import', { csv: await file.text() });
      form.reset();
      setFile(undefined);
      setState({ kind: 'imported', created: result.created });
      onImported(result);
    } catch (error) {
      setState({ kind: 'failed', message: errorDetails(error).message });
      onFailed();
    }
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="import-title">
      <h2 id="import-title">Import from a CSV file</h2>
      <fieldset disabled={state.kind === 'importing'}>
        <TextField
          label="CSV file"
          name="csv"
          type="file"
          accept=".csv,text/csv,text/plain"
          ref={fileInput}
          required
          onChange={(e) => {
            setFile(e.target.files?.[0]);
            setState({ kind: 'idle' });
          }}
          hint="One extension a line: number,name,password. An empty password is generated and shown once. If any line is wrong, nothing is imported."
          error={state.kind === 'failed' ? state.message : undefined}
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!file}>
            {state.kind === 'importing' ? 'Importing…' : 'Import'}
          </button>
          <span role="status" aria-live="polite" className="ok">
            {state.kind === 'imported' ? `Imported ${state.created} ${state.created === 1 ? 'extension' : 'extensions'}.` : ''}
          </span>
        </div>
      </fieldset>
    </form>
  );
}
