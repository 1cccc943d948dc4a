import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` while `running` (a running call timer); still otherwise. */
export function useNow(running: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!running) return;
    const tick = () => setNow(Date.now());
    // At once too: the time kept while nothing ran is stale.
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [running, intervalMs]);
  return now;
}
