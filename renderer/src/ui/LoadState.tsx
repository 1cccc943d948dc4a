import type { ReactNode } from 'react';

/** The three states every view that loads data has: loading, failed (with retry), and ready. */
export function LoadState({
  status,
  error,
  onRetry,
  what,
  children,
}: {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error?: string | undefined;
  onRetry: () => void;
  what: string;
  children: ReactNode;
}) {
  if (status === 'error') {
    return (
      <div className="notice notice-error" role="alert">
        <p>
          Could not load {what}: {error}
        </p>
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  if (status !== 'ready') {
    return (
      <div className="loading" role="status">
        <div className="spinner" aria-hidden="true" /> Loading {what}…
      </div>
    );
  }
  return <>{children}</>;
}
