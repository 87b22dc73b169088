// Per-request DataLoaders: every relation is fetched in one batched, tenant-scoped query per tick,
// so a page of N exposures with their obligors costs a constant number of statements, not N + 1.
import DataLoader from 'dataloader';
import {
  apiKeysByIds,
  exposuresOfObligors,
  featureLoadsByIds,
  featureSetsOf,
  latestScoresOf,
  previousScoresOf,
  scoringRunMonitorings,
  obligorTotalsByIds,
  obligorsByIds,
  portfolioSummary,
  portfoliosByIds,
  usersByIds,
  type Connection,
  type Database,
  type Exposure,
  type FeatureLevel,
  type FeatureSet,
  type PageArgs,
  type TenantScope,
} from '@probity/db';
import type { PortfolioCache } from './portfolio-cache.ts';

/** A connection field's key: the parent's id and the page it asks for. */
interface PageKey {
  obligorId: string;
  page: PageArgs;
}

const pageArgsKey = (page: PageArgs) => JSON.stringify([page.first ?? null, page.after ?? null, page.last ?? null, page.before ?? null]);

/** Loads one page per parent, batching parents that ask for the same page into one call. */
function pagesOfObligors(db: Database, scope: TenantScope) {
  return new DataLoader<PageKey, Connection<Exposure>, string>(
    async (keys) => {
      const groups = new Map<string, PageKey[]>();
      for (const key of keys) {
        const group = groups.get(pageArgsKey(key.page));
        if (group) group.push(key);
        else groups.set(pageArgsKey(key.page), [key]);
      }
      const results = new Map<PageKey, Connection<Exposure> | Error>();
      for (const group of groups.values()) {
        try {
          const pages = await exposuresOfObligors(
            db,
            scope,
            group.map((key) => key.obligorId),
            group[0]!.page,
          );
          group.forEach((key, i) => results.set(key, pages[i]!));
        } catch (error) {
          // A bad cursor fails the fields that sent it, not every obligor in the batch.
          for (const key of group) results.set(key, error as Error);
        }
      }
      return keys.map((key) => results.get(key)!);
    },
    { cacheKeyFn: (key) => `${key.obligorId}|${pageArgsKey(key.page)}` },
  );
}

/** Features of one subject: on a day (or the latest), `limit` days back. */
interface FeatureKey {
  level: FeatureLevel;
  id: string;
  asOf: string | null;
  limit: number;
}

/** Batches feature reads of many obligors or exposures asking the same question into one query. */
function featureSets(db: Database, scope: TenantScope) {
  return new DataLoader<FeatureKey, FeatureSet[], string>(
    async (keys) => {
      const groups = new Map<string, FeatureKey[]>();
      for (const key of keys) {
        const group = `${key.level}|${key.asOf}|${key.limit}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const results = new Map<FeatureKey, FeatureSet[]>();
      for (const group of groups.values()) {
        const { level, asOf, limit } = group[0]!;
        const sets = await featureSetsOf(
          db,
          scope,
          level,
          group.map((key) => key.id),
          { asOf, limit },
        );
        group.forEach((key, i) => results.set(key, sets[i]!));
      }
      return keys.map((key) => results.get(key)!);
    },
    { cacheKeyFn: (key) => `${key.level}|${key.id}|${key.asOf}|${key.limit}` },
  );
}

export function createLoaders(db: Database, scope: TenantScope, portfolios?: PortfolioCache) {
  const portfolioLookup = (ids: readonly string[]) => portfoliosByIds(db, scope, ids);
  return {
    // Portfolios come from the per-process cache when it holds them for this organization (portfolio-cache.ts).
    portfolio: new DataLoader((ids: readonly string[]) =>
      portfolios ? portfolios.load(scope.organizationId, ids, portfolioLookup) : portfolioLookup(ids),
    ),
    obligor: new DataLoader((ids: readonly string[]) => obligorsByIds(db, scope, ids)),
    obligorExposures: pagesOfObligors(db, scope),
    obligorTotals: new DataLoader((ids: readonly string[]) => obligorTotalsByIds(db, scope, ids)),
    user: new DataLoader((ids: readonly string[]) => usersByIds(db, scope, ids)),
    features: featureSets(db, scope),
    featureLoad: new DataLoader((ids: readonly string[]) => featureLoadsByIds(db, scope, ids)),
    score: new DataLoader((ids: readonly string[]) => latestScoresOf(db, scope, ids)),
    previousScore: new DataLoader((ids: readonly string[]) => previousScoresOf(db, scope, ids)),
    runMonitoring: new DataLoader((ids: readonly string[]) => scoringRunMonitorings(db, scope, ids)),
    apiKey: new DataLoader((ids: readonly string[]) => apiKeysByIds(db, scope, ids)),
    // Summaries are computed one portfolio at a time (aggregates); the loader only de-duplicates.
    summary: new DataLoader((ids: readonly string[]) => Promise.all(ids.map((id) => portfolioSummary(db, scope, id, 50))), {
      batch: false,
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
