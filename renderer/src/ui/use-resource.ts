import { useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ready'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: string };

/**
 * Loads data for a view and keeps its three states (loading, ready, error).
 * `reload` loads again, for a Retry button or after a change.
 */
export function useResource<T>(load: (() => Promise<T>) | undefined): Resource<T> & { reload: () => void } {
  const [generation, setGeneration] = useState(0);
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });

  useEffect(() => {
    if (!load) return;
    let current = true;
    load().then(
      (data) => current && setResource({ status: 'ready', data }),
      (error: unknown) => current && setResource({ status: 'error', error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [load, generation]);

  const reload = useCallback(() => {
    setResource({ status: 'loading' });
    setGeneration((g) => g + 1);
  }, []);

  return { ...resource, reload };
}
