// What the per-process caches of database rows share (credential-cache.ts, portfolio-cache.ts): an LRU
// whose entries live at most ttlMs, bypassed while the change listener is not live (changes made
// meanwhile would go unheard), and an epoch that every invalidation bumps, so that a lookup which an
// invalidation overtook is not stored (its answer may predate the change).
import { LRUCache } from 'lru-cache';

export interface ListenedCacheOptions {
  /** How long an entry may be served; 0 (or less) turns the cache off. */
  ttlMs: number;
  /** Whether change notifications are being received right now. */
  isLive: () => boolean;
  max?: number;
}

export class ListenedCache<V extends object> {
  protected readonly entries: LRUCache<string, V>;
  private epoch = 0;

  constructor(protected readonly options: ListenedCacheOptions) {
    this.entries = new LRUCache<string, V>({ max: options.max ?? 10_000, ttl: Math.max(options.ttlMs, 1) });
  }

  /** Forgets everything (something changed that any entry may depend on, or the listener reconnected). */
  invalidateAll(): void {
    this.epoch += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether entries may be read and written now: the cache is on and its listener live. */
  protected get usable(): boolean {
    return this.options.ttlMs > 0 && this.options.isLive();
  }

  /** Forgets one entry, and counts as an invalidation for lookups in flight. */
  protected forget(key: string): void {
    this.epoch += 1;
    this.entries.delete(key);
  }

  /** Runs `lookup`; `storable` says whether no invalidation overtook it and the listener is still live. */
  protected async lookUp<T>(lookup: () => Promise<T>): Promise<{ value: T; storable: boolean }> {
    const epoch = this.epoch;
    const value = await lookup();
    return { value, storable: epoch === this.epoch && this.options.isLive() };
  }
}
