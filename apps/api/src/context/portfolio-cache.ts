// Portfolio rows, remembered per API process so that the hottest read (a portfolio by id, under every
// portfolio query, summary included) does not cost a tenant transaction each time. Entries are only
// what a row-level-security read in the caller's organization returned, and are served only to the
// same organization: another tenant asking for the id misses and reads under its own RLS scope (and
// gets null). Freshness, as for credentials (credential-cache.ts): the database notifies every change
// to a portfolio row, its data_version included (@probity/db PORTFOLIO_CHANNEL), and each notification
// drops that entry on every process; while the listener is not connected the cache is bypassed; a
// lookup that any notification overtook is not stored; a mutation run by this process empties it, so a
// client reads its own writes. The TTL only bounds a notification that never arrived.
import type { Portfolio } from '@probity/db';
import { ListenedCache } from './listened-cache.ts';

export type PortfolioLookup = (ids: readonly string[]) => Promise<(Portfolio | null)[]>;

export class PortfolioCache extends ListenedCache<Portfolio> {
  /** A portfolio changed (or '*': anything may have): forget it. */
  invalidate(portfolioId: string): void {
    if (portfolioId === '*') return this.invalidateAll();
    this.forget(portfolioId);
  }

  /** Portfolios of `organizationId` in the order of `ids` (null: missing or another tenant's); asks `lookup` only for the ones not cached. */
  async load(organizationId: string, ids: readonly string[], lookup: PortfolioLookup): Promise<(Portfolio | null)[]> {
    if (!this.usable) return lookup(ids);
    const found = ids.map((id) => {
      const hit = this.entries.get(id);
      return hit && hit.organizationId === organizationId ? hit : undefined;
    });
    const missing = ids.filter((_, i) => !found[i]);
    if (missing.length === 0) return found as Portfolio[];
    const { value: looked, storable } = await this.lookUp(() => lookup(missing));
    const byId = new Map<string, Portfolio | null>();
    missing.forEach((id, i) => {
      const portfolio = looked[i] ?? null;
      byId.set(id, portfolio);
      // Only rows our own RLS read returned for this organization; a miss (null) is never cached.
      if (storable && portfolio && portfolio.organizationId === organizationId) this.entries.set(id, portfolio);
    });
    return ids.map((id, i) => found[i] ?? byId.get(id) ?? null);
  }
}
