import { useState } from 'react';
import { useEngine } from '../../state/engine-store';
import { downloadText } from '../../ui/download-text';
import { errorDetails } from '../../ui/error-details';
import { FormActions } from '../../ui/FormActions';
import { TextField } from '../../ui/TextField';
import { useFileImport } from '../../ui/use-file-import';

type ExportState = { kind: 'idle' } | { kind: 'exporting' } | { kind: 'done' } | { kind: 'failed'; message: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** To and from Asterisk: the whole setup as pjsip.conf, and phones from a pjsip_users.conf. */
export function PjsipCard() {
  const client = useEngine((s) => s.client);
  const [exporting, setExporting] = useState<ExportState>({ kind: 'idle' });
  const upload = useFileImport({
    send: (client, text) => client.call('pjsip.import', { text }),
    cliHint: 'For more, run "dialtone pjsip import FILE" on the engine\'s machine.',
  });
  const importing = upload.state;

  async function download() {
    if (!client) return;
    setExporting({ kind: 'exporting' });
    try {
      const { text } = await client.call('pjsip.export', {});
      downloadText('pjsip.conf', text);
      setExporting({ kind: 'done' });
    } catch (error) {
      setExporting({ kind: 'failed', message: errorDetails(error).message });
    }
  }

  return (
    <section className="card pjsip-card" aria-labelledby="pjsip-title">
      <h2 id="pjsip-title">Asterisk (PJSIP)</h2>
      <div className="pjsip-parts">
        <div className="pjsip-part">
          <h3>Export</h3>
          <p className="hint">
            Trunks and extensions as pjsip.conf sections. The file holds the trunks’ passwords: keep it as safe as they are. Extensions carry only a
            digest of their password.
          </p>
          <div className="form-actions">
            <button type="button" onClick={() => void download()} disabled={exporting.kind === 'exporting'}>
              {exporting.kind === 'exporting' ? 'Preparing…' : 'Download pjsip.conf'}
            </button>
            <span role="status" aria-live="polite" className={exporting.kind === 'failed' ? 'error' : 'ok'}>
              {exporting.kind === 'done' ? 'Downloaded.' : exporting.kind === 'failed' ? exporting.message : ''}
            </span>
          </div>
        </div>
        <form className="form pjsip-part" onSubmit={upload.submit} aria-labelledby="pjsip-import-title">
          <h3 id="pjsip-import-title">Import phones</h3>
          <fieldset disabled={importing.kind === 'importing'}>
            <TextField
              label="pjsip_users.conf"
              name="pjsip"
              type="file"
              accept=".conf,text/plain"
              {...upload.input}
              hint="Each endpoint with an auth section and a plain password becomes an extension; everything else is listed below with the reason."
              error={upload.error}
            />
            <FormActions label="Import" busy={importing.kind === 'importing'} busyLabel="Importing…" disabled={!upload.picked} />
          </fieldset>
          <div role="status" aria-live="polite" data-testid="pjsip-import-result">
            {importing.kind === 'done' && (
              <>
                <p className="ok">Created {plural(importing.result.created, 'extension', 'extensions')}.</p>
                {importing.result.skipped.length > 0 && (
                  <>
                    <p>Skipped {plural(importing.result.skipped.length, 'section', 'sections')}:</p>
                    <ul className="skipped">
                      {importing.result.skipped.map((s) => (
                        <li key={s.section}>
                          <code>{s.section}</code>: {s.reason}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </>
            )}
          </div>
        </form>
      </div>
    </section>
  );
}
