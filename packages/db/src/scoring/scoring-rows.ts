// Raw scoring rows (node-postgres, snake_case) -> domain types.
import type { PortfolioModelLink, ScoringRun, ScoringRunStatus } from '../domain/scoring.ts';

export const RUN_COLUMNS = `id, organization_id, portfolio_id, model_version_id, status, trigger, slot, as_of::text AS as_of, batch_size,
  batch_count, batches_done, exposure_count, scored_count, skipped_count, backend, read_ms, score_ms, write_ms, error,
  requested_by_id, created_at, started_at, finished_at, challenger_version_id`;

export interface RunRow {
  id: string;
  organization_id: string;
  portfolio_id: string;
  model_version_id: string;
  status: ScoringRunStatus;
  trigger: string;
  slot: Date | null;
  as_of: string;
  batch_size: number;
  batch_count: number;
  batches_done: number;
  exposure_count: number;
  scored_count: number;
  skipped_count: number;
  backend: string | null;
  read_ms: number;
  score_ms: number;
  write_ms: number;
  error: string | null;
  requested_by_id: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  challenger_version_id: string | null;
}

export function toScoringRun(r: RunRow): ScoringRun {
  return {
    id: r.id,
    organizationId: r.organization_id,
    portfolioId: r.portfolio_id,
    modelVersionId: r.model_version_id,
    status: r.status,
    trigger: r.trigger,
    slot: r.slot,
    asOf: r.as_of,
    batchSize: r.batch_size,
    batchCount: r.batch_count,
    batchesDone: r.batches_done,
    exposureCount: r.exposure_count,
    scoredCount: r.scored_count,
    skippedCount: r.skipped_count,
    backend: r.backend,
    readMs: r.read_ms,
    scoreMs: r.score_ms,
    writeMs: r.write_ms,
    error: r.error,
    requestedById: r.requested_by_id,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    challengerVersionId: r.challenger_version_id,
  };
}

export const LINK_COLUMNS = 'portfolio_id, model_id, cron, time_zone, linked_by_id, created_at, updated_at';

export interface LinkRow {
  portfolio_id: string;
  model_id: string;
  cron: string;
  time_zone: string;
  linked_by_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toLink(r: LinkRow): PortfolioModelLink {
  return {
    portfolioId: r.portfolio_id,
    modelId: r.model_id,
    cron: r.cron,
    timeZone: r.time_zone,
    linkedById: r.linked_by_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
