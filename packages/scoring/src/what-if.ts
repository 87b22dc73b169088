// What-if for one obligor: its exposures scored now and with some features changed, side by side,
// and for the changed row's top contributing features the value that alone would move it to the next
// better grade (packages/ml's per-feature counterfactual search). Nothing is stored here.
import { InputError, type Database, type TenantScope } from '@probity/db';
import { featureCounterfactuals } from '@probity/ml';
import { gradeOf, type GradeBand } from './grades.ts';
import {
  changedRow,
  explainRow,
  prepareObligor,
  tableOf,
  type Cell,
  type FeatureChange,
  type ObligorRequest,
  type OnDemandScore,
} from './score-obligor.ts';
import type { ScorerCache } from './scorer-cache.ts';

/** Features searched for a counterfactual: the changed row's largest risk-raising contributions. */
export const COUNTERFACTUAL_FEATURES = 5;
export const MAX_CHANGES = 50;

export interface GradeCounterfactual {
  feature: string;
  label: string;
  from: Cell;
  to: Cell;
  pd: number;
  grade: string;
  sentence: string;
}

export interface WhatIfExposure {
  current: OnDemandScore;
  scenario: OnDemandScore;
  /** The grade one better than the scenario's (null: it is in the best grade already). */
  targetGrade: string | null;
  counterfactuals: GradeCounterfactual[];
}

export interface WhatIfResult {
  obligorId: string;
  asOf: string;
  changes: FeatureChange[];
  exposures: WhatIfExposure[];
}

function formatCell(value: Cell): string {
  if (value === null) return 'missing';
  if (typeof value === 'string') return `"${value}"`;
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

/** "PAY_0 at 0 would move this obligor to grade 4". */
export function counterfactualSentence(feature: string, to: Cell, grade: string): string {
  return `${feature} at ${formatCell(to)} would move this obligor to grade ${grade}`;
}

function gradeIndex(bands: readonly GradeBand[], pd: number): number {
  const grade = gradeOf(bands, pd);
  return bands.findIndex((b) => b.grade === grade);
}

export async function whatIf(
  db: Database,
  scope: TenantScope,
  cache: ScorerCache,
  request: ObligorRequest & { changes: readonly FeatureChange[] },
): Promise<WhatIfResult> {
  if (request.changes.length > MAX_CHANGES)
    throw new InputError('changes', `at most ${MAX_CHANGES} changes at once, got ${request.changes.length}`);
  const { asOf, bands, exposures } = await prepareObligor(db, scope, cache, request);
  const results = exposures.map((prepared): WhatIfExposure => {
    const columns = prepared.scorer.requiredColumns;
    const current = explainRow(prepared, prepared.table, bands);
    const row = changedRow(prepared.row, columns, request.changes);
    const scenario = explainRow(prepared, tableOf(row, columns), bands);
    const index = gradeIndex(bands, scenario.pd);
    if (index <= 0) return { current, scenario, targetGrade: null, counterfactuals: [] };
    const features = scenario.contributions
      .filter((c) => columns.includes(c.feature))
      .sort((a, b) => b.contribution - a.contribution)
      .slice(0, COUNTERFACTUAL_FEATURES)
      .map((c) => c.feature);
    const found = featureCounterfactuals(prepared.scorer, row, features, bands[index]!.lower);
    const counterfactuals = found.flatMap((c) => {
      if (!c) return [];
      const grade = gradeOf(bands, c.pd);
      return [
        {
          feature: c.feature,
          label: c.label,
          from: c.from,
          to: c.to,
          pd: c.pd,
          grade,
          sentence: counterfactualSentence(c.feature, c.to, grade),
        },
      ];
    });
    return { current, scenario, targetGrade: bands[index - 1]!.grade, counterfactuals };
  });
  return { obligorId: request.obligorId, asOf, changes: [...request.changes], exposures: results };
}
