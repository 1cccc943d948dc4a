import type { ChannelOutput } from '../../../../shared/contract';
import { FormActions } from '../../ui/FormActions';
import { TextField } from '../../ui/TextField';
import { useFileImport } from '../../ui/use-file-import';

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
  const upload = useFileImport({
    send: (client, csv) => client.call('extensions.import', { csv }),
    cliHint: 'For more, run "dialtone ext import FILE" on the engine\'s machine.',
    onImported,
    onFailed,
  });
  const { state } = upload;

  return (
    <form className="card form" onSubmit={upload.submit} aria-labelledby="import-title">
      <h2 id="import-title">Import from a CSV file</h2>
      <fieldset disabled={state.kind === 'importing'}>
        <TextField
          label="CSV file"
          name="csv"
          type="file"
          accept=".csv,text/csv,text/plain"
          required
          {...upload.input}
          hint="One extension a line: number,name,password. An empty password is generated and shown once. If any line is wrong, nothing is imported."
          error={upload.error}
        />
        <FormActions
          label="Import"
          busy={state.kind === 'importing'}
          busyLabel="Importing…"
          disabled={!upload.picked}
          status={state.kind === 'done' ? `Imported ${state.result.created} ${state.result.created === 1 ? 'extension' : 'extensions'}.` : ''}
        />
      </fieldset>
    </form>
  );
}
