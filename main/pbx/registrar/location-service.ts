import type { BindingRepository } from '../store/binding-repository';
import type { Binding } from './binding';

export interface LocationListener {
  /** The set of an extension's bindings changed (added or removed; refreshes are not reported). */
  (extension: string, bindings: readonly Binding[]): void;
}

const PURGE_INTERVAL_MS = 1000;

/**
 * The location service (RFC 3261 §10): every extension's live bindings in
 * memory, written through to the store with group commit. Changes made in
 * one event-loop turn are written in one transaction, and each caller hears
 * `onDurable` only after that commit: a 200 OK is never sent for a binding
 * that a kill -9 could lose.
 */
export class LocationService {
  private readonly byExtension = new Map<string, Binding[]>();
  private readonly listeners = new Set<LocationListener>();
  private purgeTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private readonly pendingUpserts = new Map<number, Binding>();
  private readonly pendingDeletes = new Set<number>();
  private pendingCallbacks: (() => void)[] = [];
  private flushScheduled = false;
  private stopped = false;

  constructor(
    private readonly repository: BindingRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** Loads live bindings. WebSocket ones are dropped: their connection died with the old process. */
  load(): void {
    const now = this.now();
    this.repository.purgeExpired(now);
    this.nextId = this.repository.maxId() + 1;
    const unreachable: number[] = [];
    for (const binding of this.repository.loadLive(now)) {
      if (binding.protocol === 'ws' || binding.protocol === 'wss') unreachable.push(binding.id);
      else this.list(binding.extension).push(binding);
    }
    this.repository.write([], unreachable);
  }

  start(): void {
    this.purgeTimer = setInterval(() => this.purgeExpired(), PURGE_INTERVAL_MS);
    this.purgeTimer.unref();
  }

  /**
   * Stops the purge timer and writes what is pending. Changes after this (a
   * WebSocket closing while the engine shuts down) stay in memory only: the
   * store may be closed, and such bindings are dropped at the next load anyway.
   */
  stop(): void {
    clearInterval(this.purgeTimer);
    this.flush();
    this.stopped = true;
  }

  onChange(listener: LocationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private list(extension: string): Binding[] {
    let list = this.byExtension.get(extension);
    if (!list) this.byExtension.set(extension, (list = []));
    return list;
  }

  /** Live bindings, best first: highest q, then the most recent registration. */
  lookup(extension: string): Binding[] {
    const list = this.byExtension.get(extension);
    if (!list) return [];
    const now = this.now();
    const live = list.filter((b) => b.expiresAt > now);
    if (live.length > 1) live.sort((a, b) => (b.q ?? 1) - (a.q ?? 1) || b.registeredAt - a.registeredAt);
    return live;
  }

  /** The stored bindings of an extension, expired ones included until the next purge. */
  current(extension: string): readonly Binding[] {
    return this.byExtension.get(extension) ?? [];
  }

  /**
   * Makes a REGISTER's plan the truth in memory at once, and durable at the
   * end of this turn; `onDurable` runs after the commit. New bindings (id 0) get their ids here.
   */
  apply(extension: string, insert: Binding[], update: Binding[], remove: Binding[], onDurable: () => void): void {
    for (const b of insert) b.id = this.nextId++;
    const replaced = new Set([...remove, ...update].map((b) => b.id));
    const next = (this.byExtension.get(extension) ?? []).filter((b) => !replaced.has(b.id)).concat(update, insert);
    if (next.length === 0) this.byExtension.delete(extension);
    else this.byExtension.set(extension, next);
    for (const b of remove) {
      this.pendingUpserts.delete(b.id);
      this.pendingDeletes.add(b.id);
    }
    for (const b of [...update, ...insert]) this.pendingUpserts.set(b.id, b);
    this.pendingCallbacks.push(onDurable);
    this.scheduleFlush();
    if (insert.length > 0 || remove.length > 0) this.notify(extension);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.stopped) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes every pending change in one transaction, then releases the waiting answers. */
  flush(): void {
    this.flushScheduled = false;
    if (this.stopped) return;
    if (this.pendingUpserts.size === 0 && this.pendingDeletes.size === 0 && this.pendingCallbacks.length === 0) return;
    this.repository.write(this.pendingUpserts.values(), this.pendingDeletes);
    this.pendingUpserts.clear();
    this.pendingDeletes.clear();
    const callbacks = this.pendingCallbacks;
    this.pendingCallbacks = [];
    for (const callback of callbacks) callback();
  }

  private removeIds(ids: number[]): void {
    for (const id of ids) {
      this.pendingUpserts.delete(id);
      this.pendingDeletes.add(id);
    }
    this.scheduleFlush();
  }

  /** Drops every binding of an extension (it was deleted). */
  removeExtension(extension: string): void {
    const list = this.byExtension.get(extension);
    if (!list) return;
    this.byExtension.delete(extension);
    this.removeIds(list.map((b) => b.id));
    this.notify(extension);
  }

  /** A connection closed: bindings that can only be reached over it are gone (WebSocket). */
  connectionClosed(connectionId: number, unreachableWithout: boolean): void {
    for (const [extension, list] of this.byExtension) {
      const gone = list.filter((b) => b.connectionId === connectionId);
      if (gone.length === 0) continue;
      if (!unreachableWithout) {
        for (const b of gone) b.connectionId = undefined;
        continue;
      }
      const kept = list.filter((b) => b.connectionId !== connectionId);
      if (kept.length === 0) this.byExtension.delete(extension);
      else this.byExtension.set(extension, kept);
      this.removeIds(gone.map((b) => b.id));
      this.notify(extension);
    }
  }

  purgeExpired(): void {
    const now = this.now();
    const changed: string[] = [];
    for (const [extension, list] of this.byExtension) {
      const live = list.filter((b) => b.expiresAt > now);
      if (live.length === list.length) continue;
      if (live.length === 0) this.byExtension.delete(extension);
      else this.byExtension.set(extension, live);
      changed.push(extension);
    }
    if (changed.length > 0 && !this.stopped) {
      this.flush();
      this.repository.purgeExpired(now);
    }
    for (const extension of changed) this.notify(extension);
  }

  bindingCount(): number {
    let n = 0;
    for (const list of this.byExtension.values()) n += list.length;
    return n;
  }

  private notify(extension: string): void {
    if (this.listeners.size === 0) return;
    const bindings = this.lookup(extension);
    for (const listener of this.listeners) listener(extension, bindings);
  }
}
