export interface NetworkEvents {
  /** The browser has a network again. */
  online(): void;
  /** The browser lost its network. */
  offline(): void;
  /** The network changed under a live connection (Wi-Fi to cable, a new address). */
  changed(): void;
}

/** The Network Information API, where the browser has it (Chromium, Electron). */
interface NetworkInformation extends EventTarget {
  readonly type?: string;
  readonly effectiveType?: string;
}

export function isOnline(): boolean {
  return navigator.onLine;
}

/** Follows online/offline and, where there is one, navigator.connection's change event. Returns the stop function. */
export function watchNetwork(events: NetworkEvents): () => void {
  const online = () => events.online();
  const offline = () => events.offline();
  const changed = () => events.changed();
  const connection = (navigator as Navigator & { connection?: NetworkInformation }).connection;
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  connection?.addEventListener('change', changed);
  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
    connection?.removeEventListener('change', changed);
  };
}
