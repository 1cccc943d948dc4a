import { useCallback, useEffect, useState } from 'react';
import type { ContractClient } from '../api/contract-client';
import { useEngine } from '../state/engine-store';

export type Resource<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ready'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: string };

/**
 * Loads data for a view and keeps its three states (loading, ready, error).
 * It asks once connected (a call made while the bridge connects fails), and
 * again after a reconnect; `reload` asks again, for a Retry button or after a
 * change. `load` must keep its identity (a function declared outside the component).
 */
export function useResource<T>(load: (client: ContractClient) => Promise<T>): Resource<T> & { reload: () => void } {
  const client = useEngine((s) => s.client);
  const connected = useEngine((s) => s.connection === 'connected');
  const [generation, setGeneration] = useState(0);
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });

  useEffect(() => {
    if (!client || !connected) return;
    let current = true;
    load(client).then(
      (data) => current && setResource({ status: 'ready', data }),
      (error: unknown) => current && setResource({ status: 'error', error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [load, client, connected, generation]);

  const reload = useCallback(() => {
    setResource({ status: 'loading' });
    setGeneration((g) => g + 1);
  }, []);

  return { ...resource, reload };
}
