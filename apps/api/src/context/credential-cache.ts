// Verified credentials, remembered for a few seconds per API process so a request does not pay a
// database lookup for its API key or membership. Revocation still takes effect at once on every
// process: the database notifies every change that can end access (@probity/db
// listenForCredentialChanges) and each notification empties the cache. While that listener is not
// connected the cache is bypassed, because changes made meanwhile would go unheard. A lookup that
// was in flight when a notification arrived is not stored (its answer may predate the change).
import { createHash } from 'node:crypto';
import type { Caller } from './caller.ts';
import { ListenedCache, type ListenedCacheOptions } from './listened-cache.ts';

export interface CachedCaller {
  caller: Caller;
  /** The credential's own end (an API key's expiry): never cached past it. */
  validUntil?: Date | null;
}

export class CredentialCache extends ListenedCache<CachedCaller> {
  private readonly onResolve?: (how: 'hit' | 'miss' | 'bypass') => void;

  constructor(
    options: ListenedCacheOptions & {
      /** Told how each credential was resolved (for metrics). */
      onResolve?: (how: 'hit' | 'miss' | 'bypass') => void;
    },
  ) {
    super(options);
    this.onResolve = options.onResolve;
  }

  /** The caller for a credential: cached while trustworthy, otherwise looked up (and cached). */
  async resolve(credential: string, lookup: () => Promise<CachedCaller | null>, now = Date.now()): Promise<Caller | null> {
    if (!this.usable) {
      this.onResolve?.('bypass');
      return (await lookup())?.caller ?? null;
    }
    // Keyed by a hash, so the cache never holds a usable secret.
    const key = createHash('sha256').update(credential).digest('base64url');
    const hit = this.entries.get(key);
    if (hit && (!hit.validUntil || hit.validUntil.getTime() > now)) {
      this.onResolve?.('hit');
      return hit.caller;
    }
    this.onResolve?.('miss');
    const { value: found, storable } = await this.lookUp(lookup);
    if (!found) return null;
    const ttl = found.validUntil ? Math.min(this.options.ttlMs, found.validUntil.getTime() - now) : this.options.ttlMs;
    if (ttl > 0 && storable) this.entries.set(key, found, { ttl });
    return found.caller;
  }
}
