// Starting a scoring run: the portfolio's linked model, its champion (or a version asked for, never a
// retired or rejected one), and every column the model reads present in the portfolio's data, else a
// refusal naming what is missing. The caller queues the run's score-portfolio job.
import {
  createScoringRun,
  getChampionModelFile,
  getModelVersionFile,
  getPortfolioModel,
  InputError,
  portfolioFeatureColumns,
  type Database,
  type ModelVersionFile,
  type ScoringRun,
  type TenantScope,
} from '@probity/db';
import { parseModel } from '@probity/ml';

/**
 * Exposures per batch job. Each batch pays a transaction, its ledger row, the read's planning and a
 * COPY each way; 10,000 halves those against 5,000. Six rounds in one bench process, the two sizes
 * alternating (a million Taiwan exposures, AMD EPYC 2-core, 2026-12-06): logistic 12.8, 6.9 and 8.0 s
 * against 13.9, 8.4 and 9.1 s, each pair back to back (the second run of a pair was the faster in every
 * such experiment, so part of that is the order: docs/benchmark-history.md).
 */
export const DEFAULT_BATCH_SIZE = 10_000;

/** Columns the model reads that the portfolio's features lack (none: it can be scored). */
export async function missingColumns(
  db: Database,
  scope: TenantScope,
  portfolioId: string,
  modelFileJson: string,
  asOf?: string | null,
): Promise<string[]> {
  const required = parseModel(modelFileJson).pipeline.columns;
  const available = new Set(await portfolioFeatureColumns(db, scope, portfolioId, asOf));
  return required.filter((c) => !available.has(c));
}

export function missingColumnsMessage(missing: readonly string[]): string {
  const shown = missing.slice(0, 20).join(', ');
  return `the portfolio's data lacks ${missing.length} column(s) the model needs: ${shown}${missing.length > 20 ? `, and ${missing.length - 20} more` : ''}`;
}

export interface RunRequest {
  portfolioId: string;
  /** A specific version (approved or champion); default the linked model's champion. */
  modelVersionId?: string | null;
  trigger: 'schedule' | 'manual' | 'initial';
  slot?: Date | null;
  /** Data as-of (default today, UTC): each exposure's latest features on or before it. */
  asOf?: string | null;
  batchSize?: number;
}

export async function requestScoringRun(db: Database, scope: TenantScope, request: RunRequest): Promise<ScoringRun | null> {
  const link = await getPortfolioModel(db, scope, request.portfolioId);
  if (!link) throw new InputError('portfolioId', 'no model is linked to this portfolio: link one first');
  let file: ModelVersionFile | null;
  if (request.modelVersionId) {
    file = await getModelVersionFile(db, scope, request.modelVersionId);
    if (file.version.modelId !== link.modelId) throw new InputError('modelVersionId', "is a version of another model than the portfolio's");
    if (file.version.status !== 'CHAMPION' && file.version.status !== 'APPROVED') {
      throw new InputError('modelVersionId', `is ${file.version.status}: only an approved or champion version scores a portfolio`);
    }
  } else {
    file = await getChampionModelFile(db, scope, link.modelId);
    if (!file) throw new InputError('portfolioId', 'the linked model has no champion version: promote one first');
  }
  const asOf = request.asOf ?? new Date().toISOString().slice(0, 10);
  const missing = await missingColumns(db, scope, request.portfolioId, file.modelFileJson, asOf);
  if (missing.length > 0) throw new InputError('portfolioId', missingColumnsMessage(missing));
  return createScoringRun(db, scope, {
    portfolioId: request.portfolioId,
    modelVersionId: file.version.id,
    trigger: request.trigger,
    slot: request.slot ?? null,
    asOf,
    batchSize: request.batchSize ?? DEFAULT_BATCH_SIZE,
  });
}
