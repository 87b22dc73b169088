// On-demand scoring of one obligor: each exposure (in a portfolio with a linked model) scored now by
// that model's champion, or by a version asked for, with the full explanation (baseline, every
// contribution, reason codes). Optional feature changes make it a what-if. Nothing is stored.
import { InputError, obligorScoringContext, type Database, type ObligorScoringContext, type TenantScope } from '@probity/db';
import { cellValue, tableFromRecords, type ModelScorer, type Table } from '@probity/ml';
import { gradeBands, gradeOf, type GradeBand } from './grades.ts';
import { inputsTable } from './inputs-table.ts';
import type { ScorerCache } from './scorer-cache.ts';

export const ON_DEMAND_REASONS = 5;

export interface FeatureChange {
  feature: string;
  /** A number, or (for a categorical feature) a text; both null means missing. */
  value?: number | null;
  text?: string | null;
}

export type Cell = string | number | null;

export interface ExplainedContribution {
  feature: string;
  label: string;
  value: Cell | Cell[];
  contribution: number;
}

export interface OnDemandScore {
  exposureId: string;
  externalId: string;
  portfolioId: string;
  portfolioName: string;
  modelVersionId: string;
  pd: number;
  grade: string;
  /** Final log-odds, the baseline they start from, and what the contributions leave unexplained. */
  logit: number;
  baselineLogit: number;
  gap: number;
  method: string;
  /** Every explanation unit, largest absolute contribution first. */
  contributions: ExplainedContribution[];
  reasons: { feature: string; label: string; contribution: number; text: string }[];
  /** The values the model read (each required column, from the exposure's features or its obligor's). */
  inputs: Record<string, Cell>;
}

/** What scoring one exposure needs after the checks: its scorer, row and the grade bands. */
export interface PreparedExposure {
  exposure: ObligorScoringContext['exposures'][number];
  versionId: string;
  scorer: ModelScorer;
  table: Table;
  row: Record<string, Cell>;
}

export interface ObligorRequest {
  obligorId: string;
  modelVersionId?: string | null;
  /** Features as of this day (default today, UTC). */
  asOf?: string | null;
}

function pickVersion(context: ObligorScoringContext, exposure: ObligorScoringContext['exposures'][number]): string | null {
  const requested = context.requestedVersion;
  if (requested) return exposure.modelId === requested.modelId ? requested.id : null;
  return exposure.modelId === null ? null : exposure.championVersionId;
}

function checkVersions(context: ObligorScoringContext): void {
  const requested = context.requestedVersion;
  const portfolios = [...new Set(context.exposures.map((e) => e.portfolioName))].join(', ');
  if (context.exposures.length === 0) throw new InputError('obligorId', 'the obligor has no exposures to score');
  if (requested) {
    if (requested.status !== 'CHAMPION' && requested.status !== 'APPROVED')
      throw new InputError('modelVersionId', `is ${requested.status}: only an approved or champion version scores`);
    if (!context.exposures.some((e) => e.modelId === requested.modelId))
      throw new InputError('modelVersionId', `is a version of a model linked to none of this obligor's portfolios (${portfolios})`);
    return;
  }
  const linked = context.exposures.filter((e) => e.modelId !== null);
  if (linked.length === 0)
    throw new InputError('obligorId', `no model is linked to this obligor's portfolio(s) (${portfolios}): link one first`);
  const noChampion = linked.find((e) => e.championVersionId === null);
  if (noChampion && linked.every((e) => e.championVersionId === null))
    throw new InputError(
      'obligorId',
      `the model linked to portfolio ${noChampion.portfolioName} has no champion version: promote one first`,
    );
}

function rowOf(table: Table): Record<string, Cell> {
  const row: Record<string, Cell> = {};
  for (const column of table.columns) row[column.name] = cellValue(column, 0);
  return row;
}

/** Loads the obligor's data and scorers and checks every refusal; nothing scored yet. */
export async function prepareObligor(
  db: Database,
  scope: TenantScope,
  cache: ScorerCache,
  request: ObligorRequest,
): Promise<{ asOf: string; bands: GradeBand[]; exposures: PreparedExposure[] }> {
  const asOf = request.asOf ?? new Date().toISOString().slice(0, 10);
  const context = await obligorScoringContext(db, scope, request.obligorId, { asOf, modelVersionId: request.modelVersionId });
  checkVersions(context);
  const prepared: PreparedExposure[] = [];
  for (const exposure of context.exposures) {
    const versionId = pickVersion(context, exposure);
    if (versionId === null) continue;
    const { scorer } = await cache.explainer(db, scope, versionId);
    const have = new Set([...(exposure.inputs.exposure?.columns ?? []), ...(exposure.inputs.obligor?.columns ?? [])]);
    const missing = scorer.requiredColumns.filter((c) => !have.has(c));
    if (missing.length > 0) {
      const shown = missing.slice(0, 20).join(', ');
      throw new InputError(
        'obligorId',
        `exposure ${exposure.externalId}'s data on ${asOf} lacks ${missing.length} column(s) the model needs: ${shown}${missing.length > 20 ? `, and ${missing.length - 20} more` : ''}`,
      );
    }
    const table = inputsTable([exposure.inputs], scorer.requiredColumns);
    prepared.push({ exposure, versionId, scorer, table, row: rowOf(table) });
  }
  return { asOf, bands: gradeBands(context.grades), exposures: prepared };
}

/** Scores and explains one exposure's row (a table of one row). */
export function explainRow(prepared: PreparedExposure, table: Table, bands: readonly GradeBand[]): OnDemandScore {
  const [explanation] = prepared.scorer.explain(table, [0], { reasons: ON_DEMAND_REASONS });
  const e = explanation!;
  const { exposure } = prepared;
  return {
    exposureId: exposure.exposureId,
    externalId: exposure.externalId,
    portfolioId: exposure.portfolioId,
    portfolioName: exposure.portfolioName,
    modelVersionId: prepared.versionId,
    pd: e.pd,
    grade: gradeOf(bands, e.pd),
    logit: e.logit,
    baselineLogit: e.baseline.logit,
    gap: e.gap,
    method: e.method,
    contributions: e.contributions.map((c) => ({ feature: c.feature, label: c.label, value: c.value, contribution: c.contribution })),
    reasons: e.reasons.map((r) => ({ feature: r.feature, label: r.label, contribution: r.contribution, text: r.text })),
    inputs: rowOf(table),
  };
}

/** Applies the changes to a row, refusing a feature the model does not read or a value that is not finite. */
export function changedRow(row: Record<string, Cell>, columns: readonly string[], changes: readonly FeatureChange[]): Record<string, Cell> {
  const out = { ...row };
  changes.forEach((change, i) => {
    if (!columns.includes(change.feature)) {
      const shown = columns.slice(0, 20).join(', ');
      throw new InputError(
        `changes[${i}].feature`,
        `"${change.feature}" is not a feature the model reads (it reads ${shown}${columns.length > 20 ? ', …' : ''})`,
      );
    }
    const hasValue = change.value !== undefined && change.value !== null;
    const hasText = change.text !== undefined && change.text !== null;
    if (hasValue && hasText) throw new InputError(`changes[${i}]`, 'give a value or a text, not both');
    if (hasValue && !Number.isFinite(change.value)) throw new InputError(`changes[${i}].value`, 'must be a finite number');
    out[change.feature] = hasValue ? change.value! : hasText ? change.text! : null;
  });
  return out;
}

export function tableOf(row: Record<string, Cell>, columns: readonly string[]): Table {
  return tableFromRecords([row], columns);
}

/** Scores the obligor's exposures now; nothing stored. */
export async function scoreObligor(
  db: Database,
  scope: TenantScope,
  cache: ScorerCache,
  request: ObligorRequest,
): Promise<{ obligorId: string; asOf: string; scores: OnDemandScore[] }> {
  const { asOf, bands, exposures } = await prepareObligor(db, scope, cache, request);
  return { obligorId: request.obligorId, asOf, scores: exposures.map((p) => explainRow(p, p.table, bands)) };
}
