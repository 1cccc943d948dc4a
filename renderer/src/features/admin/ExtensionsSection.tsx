import { useRef, useState } from 'react';
import type { LiveExtensionDirectory } from '../../ui/extension-directory';
import { LoadState } from '../../ui/LoadState';
import { OneTimeSecrets, type Secret } from '../../ui/OneTimeSecrets';
import { Table } from '../../ui/Table';
import { AddExtensionForm } from './AddExtensionForm';
import { ExtensionRow } from './ExtensionRow';
import { ImportExtensionsForm } from './ImportExtensionsForm';

/** The extensions table, and the forms that add, import and remove extensions. */
export function ExtensionsSection({ directory }: { directory: LiveExtensionDirectory }) {
  // Generated passwords live only here, until the person dismisses them; a new
  // one joins those not yet dismissed rather than replacing them.
  const [secrets, setSecrets] = useState<Secret[]>([]);
  const reveal = (more: Secret[]) => setSecrets((s) => [...s, ...more]);
  const heading = useRef<HTMLHeadingElement>(null);
  const { extensions } = directory;

  function removed() {
    directory.reload();
    // The row that had the focus is gone: put it somewhere that makes sense.
    heading.current?.focus();
  }

  return (
    <>
      <div className="card extensions-card">
        <h2 id="extensions-title" ref={heading} tabIndex={-1}>
          Extensions {directory.status === 'ready' && <span className="count">{extensions.length}</span>}
        </h2>
        {secrets.length > 0 && <OneTimeSecrets secrets={secrets} onDismiss={() => setSecrets([])} />}
        <LoadState status={directory.status} error={directory.error} onRetry={directory.reload} what="extensions">
          {extensions.length === 0 ? (
            <div className="empty">
              <p>No extensions yet — add the first one.</p>
            </div>
          ) : (
            <Table labelledBy="extensions-title" columns={['Number', 'Name', 'Status']} actions>
              {extensions.map((extension) => (
                <ExtensionRow key={extension.number} extension={extension} onRemoved={removed} />
              ))}
            </Table>
          )}
        </LoadState>
      </div>
      <div className="admin-forms">
        <AddExtensionForm
          onAdded={({ number, generatedPassword }) => {
            directory.reload();
            if (generatedPassword !== null) reveal([{ label: number, value: generatedPassword }]);
          }}
        />
        <ImportExtensionsForm
          onImported={({ generated }) => {
            directory.reload();
            reveal(generated.map((g) => ({ label: g.number, value: g.password })));
          }}
          onFailed={directory.reload}
        />
      </div>
    </>
  );
}
