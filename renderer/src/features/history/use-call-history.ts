import { useCallback, useEffect, useState } from 'react';
import type { CallRecord } from '../../../../shared/call-records';
import { useEngine } from '../../state/engine-store';
import { involves, mergeRecords } from './merge-records';

/** Records asked for at a time: a screenful or two, and "Load more" for older ones. */
const PAGE_SIZE = 50;

export interface CallHistory {
  status: 'loading' | 'ready' | 'error';
  records: CallRecord[];
  error: string | undefined;
  /** An older page may exist: the last one came back full. */
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string | undefined;
  loadMore(): void;
  reload(): void;
}

/** What was loaded for one query (filter and Retry count); another query starts from nothing. */
interface Loaded {
  query: string;
  status: CallHistory['status'];
  records: CallRecord[];
  error: string | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string | undefined;
}

const nothing = (query: string): Loaded => ({ query, status: 'loading', records: [], error: undefined, hasMore: false, loadingMore: false, moreError: undefined });
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The call records of one extension (or of every extension), newest first,
 * kept live: a calls.recorded event puts a new call at the top. It listens
 * before it loads, so a call that ends meanwhile is in one or the other (or
 * both: merged by id). Loads again after a reconnect, keeping what it shows.
 */
export function useCallHistory(extension: string | undefined): CallHistory {
  const client = useEngine((s) => s.client);
  const connected = useEngine((s) => s.connection === 'connected');
  const [attempt, setAttempt] = useState(0);
  const query = `${extension ?? '*'}#${attempt}`;
  const [loaded, setLoaded] = useState<Loaded>(() => nothing(query));
  const current = loaded.query === query ? loaded : nothing(query);

  // Applies a change to this query's state; an answer for an earlier query is dropped.
  const update = useCallback(
    (change: (l: Loaded) => Partial<Loaded>, onlyIfCurrent = false) =>
      setLoaded((l) => {
        if (onlyIfCurrent && l.query !== query) return l;
        const base = l.query === query ? l : nothing(query);
        return { ...base, ...change(base) };
      }),
    [query],
  );

  useEffect(() => {
    if (!client || !connected) return;
    let live = true;
    const unsubscribe = client.on('calls.recorded', (record) => {
      if (live && involves(record, extension)) update((l) => ({ records: mergeRecords(l.records, [record]) }));
    });
    client.call('calls.history', { limit: PAGE_SIZE, ...(extension ? { extension } : {}) }).then(
      (page) => live && update((l) => ({ status: 'ready', records: mergeRecords(l.records, page), hasMore: page.length === PAGE_SIZE })),
      (failure: unknown) => live && update(() => ({ status: 'error', error: message(failure) })),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [client, connected, extension, update]);

  const loadMore = useCallback(() => {
    const oldest = current.records.at(-1);
    if (!client || !oldest || current.loadingMore) return;
    update(() => ({ loadingMore: true, moreError: undefined }));
    client.call('calls.history', { limit: PAGE_SIZE, before: oldest.id, ...(extension ? { extension } : {}) }).then(
      (page) => update((l) => ({ records: mergeRecords(l.records, page), hasMore: page.length === PAGE_SIZE, loadingMore: false }), true),
      (failure: unknown) => update(() => ({ loadingMore: false, moreError: message(failure) }), true),
    );
  }, [client, extension, current.records, current.loadingMore, update]);

  const reload = useCallback(() => setAttempt((a) => a + 1), []);

  return { ...current, loadMore, reload };
}
