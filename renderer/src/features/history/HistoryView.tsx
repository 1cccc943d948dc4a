import { useMemo, useState } from 'react';
import type { ExtensionSummary } from '../../../../shared/extensions';
import { useEngine } from '../../state/engine-store';
import { useLiveExtensionDirectory } from '../../ui/extension-directory';
import { LoadState } from '../../ui/LoadState';
import { ViewHeader } from '../../ui/ViewHeader';
import { CallRow } from './CallRow';
import { HistoryFilters, type HistoryFilter } from './HistoryFilters';
import { useCallHistory } from './use-call-history';

export function HistoryView() {
  const user = useEngine((s) => (s.session.status === 'signed-in' ? s.session.user : undefined));
  return (
    <section className="view">
      <ViewHeader title="History" />
      {user?.role === 'admin' ? <AdminCallHistory /> : <CallHistoryList me={user?.username} extensions={undefined} />}
    </section>
  );
}

/** An administrator sees every extension's calls, with names from the extension directory and a filter by extension. */
function AdminCallHistory() {
  const directory = useLiveExtensionDirectory();
  return <CallHistoryList me={undefined} extensions={directory.extensions} />;
}

function CallHistoryList({ me, extensions }: { me: string | undefined; extensions: readonly ExtensionSummary[] | undefined }) {
  const [filter, setFilter] = useState<HistoryFilter>({ extension: undefined, disposition: undefined });
  // A person who is not an administrator gets only their own calls from the engine; live events are filtered the same way.
  const history = useCallHistory(me ?? filter.extension);
  const names = useMemo(() => new Map((extensions ?? []).map((x) => [x.number, x.name || undefined])), [extensions]);
  const shown = filter.disposition ? history.records.filter((r) => r.disposition === filter.disposition) : history.records;

  return (
    <div className="history">
      <HistoryFilters filter={filter} extensions={extensions} onChange={setFilter} />
      <LoadState status={history.status} error={history.error} onRetry={history.reload} what="call history">
        {history.records.length === 0 ? (
          <div className="empty">
            <p>{filter.extension ? `No calls to or from ${filter.extension} yet.` : 'No calls yet. Calls made and received through this engine appear here, newest first.'}</p>
          </div>
        ) : (
          <>
            {shown.length === 0 ? (
              <div className="empty">
                <p>No calls with this outcome among the {history.records.length} loaded{history.hasMore ? ': load more to look further back.' : '.'}</p>
              </div>
            ) : (
              <ul className="call-list card" aria-label="Calls">
                {shown.map((record) => (
                  <CallRow key={record.id} record={record} me={me} nameOf={(n) => names.get(n)} />
                ))}
              </ul>
            )}
            <div className="history-more">
              {history.hasMore && (
                <button type="button" onClick={history.loadMore} disabled={history.loadingMore}>
                  {history.loadingMore ? 'Loading…' : 'Load more'}
                </button>
              )}
              <span role="status" aria-live="polite" className={history.moreError ? 'error' : 'hint'}>
                {history.moreError ? `Could not load older calls: ${history.moreError}` : `${history.records.length} ${history.records.length === 1 ? 'call' : 'calls'} loaded`}
              </span>
            </div>
          </>
        )}
      </LoadState>
    </div>
  );
}
