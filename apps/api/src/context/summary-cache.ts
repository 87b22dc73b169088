// Portfolio summaries are aggregates over every exposure, so they are cached per portfolio and keyed
// by the portfolio's data_version, which database triggers bump on every change to its exposures or
// obligors. A cached summary is therefore never older than the version it is filed under. The cache is
// only consulted after the portfolio itself was loaded in the caller's tenant scope.
import { LRUCache } from 'lru-cache';
import type { PortfolioSummary } from '@probity/db';

export class SummaryCache {
  private readonly entries = new LRUCache<string, { version: bigint; summary: PortfolioSummary }>({ max: 1_000 });

  get(portfolioId: string, version: bigint): PortfolioSummary | undefined {
    const entry = this.entries.get(portfolioId);
    return entry && entry.version === version ? entry.summary : undefined;
  }

  set(portfolioId: string, version: bigint, summary: PortfolioSummary): void {
    const existing = this.entries.get(portfolioId);
    if (!existing || existing.version <= version) this.entries.set(portfolioId, { version, summary });
  }
}
