// Per-request DataLoaders: every relation is fetched in one batched, tenant-scoped query per tick,
// so a page of N exposures with their obligors costs a constant number of statements, not N + 1.
import DataLoader from 'dataloader';
import {
  apiKeysByIds,
  exposuresByObligorIds,
  obligorTotalsByIds,
  obligorsByIds,
  portfolioSummary,
  portfoliosByIds,
  usersByIds,
  type Database,
  type TenantScope,
} from '@probity/db';

export function createLoaders(db: Database, scope: TenantScope) {
  return {
    portfolio: new DataLoader((ids: readonly string[]) => portfoliosByIds(db, scope, ids)),
    obligor: new DataLoader((ids: readonly string[]) => obligorsByIds(db, scope, ids)),
    exposuresOfObligor: new DataLoader((ids: readonly string[]) => exposuresByObligorIds(db, scope, ids)),
    obligorTotals: new DataLoader((ids: readonly string[]) => obligorTotalsByIds(db, scope, ids)),
    user: new DataLoader((ids: readonly string[]) => usersByIds(db, scope, ids)),
    apiKey: new DataLoader((ids: readonly string[]) => apiKeysByIds(db, scope, ids)),
    // Summaries are computed one portfolio at a time (aggregates); the loader only de-duplicates.
    summary: new DataLoader((ids: readonly string[]) => Promise.all(ids.map((id) => portfolioSummary(db, scope, id, 50))), {
      batch: false,
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
