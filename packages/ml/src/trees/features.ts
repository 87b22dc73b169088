/**
 * The trees' inputs: every numeric pipeline input at its raw value (missing stays NaN, so each split
 * learns where missing values go), and every categorical input as its level's weight of evidence
 * (levels ordered by default rate, the pipeline's encoding; a missing level stays NaN).
 */
import { requireColumn, type Table } from '../data/table.ts';
import { encodeLevels } from '../pipeline/categorical-levels.ts';
import { deriveInput, type GroupFiguresCache } from '../pipeline/derived-inputs.ts';
import type { RowSelection } from '../pipeline/row-selection.ts';
import { CODE_MISSING, type PipelineState } from '../pipeline/types.ts';

export interface FeatureSource {
  input: string;
  source: 'numeric' | 'categorical';
  unit: string;
}

/** The trees' inputs of a pipeline, in order. */
export function treeFeatureSources(pipeline: PipelineState): FeatureSource[] {
  return [
    ...pipeline.numeric.map((n) => ({ input: n.name, source: 'numeric' as const, unit: n.unit })),
    // Code-like numeric columns also have a categorical entry outside the design: the numeric one covers them.
    ...pipeline.categorical.filter((c) => c.inDesign).map((c) => ({ input: c.name, source: 'categorical' as const, unit: c.unit })),
  ];
}

/** Raw values of one feature for every table row (NaN = missing). */
function featureColumn(pipeline: PipelineState, feature: FeatureSource, table: Table, groups: GroupFiguresCache): Float64Array {
  if (feature.source === 'numeric') {
    const input = pipeline.numeric.find((n) => n.name === feature.input);
    if (!input) throw new Error(`the trees read numeric input "${feature.input}", which the pipeline does not have`);
    return deriveInput(input.derivation, table, groups);
  }
  const input = pipeline.categorical.find((c) => c.name === feature.input);
  if (!input) throw new Error(`the trees read categorical input "${feature.input}", which the pipeline does not have`);
  const codes = encodeLevels(input, requireColumn(table, input.column), table.rowCount);
  const out = new Float64Array(table.rowCount);
  for (let r = 0; r < codes.length; r++) out[r] = codes[r] === CODE_MISSING ? Number.NaN : (input.woe[codes[r]!] ?? 0);
  return out;
}

/** Rows x features, row-major, float64: what the trees score and explain. */
export interface TreeBatch {
  rows: number;
  features: number;
  values: Float64Array;
}

export function encodeTreeBatch(pipeline: PipelineState, features: FeatureSource[], table: Table, rows?: RowSelection): TreeBatch {
  const n = rows ? rows.length : table.rowCount;
  const F = features.length;
  const values = new Float64Array(n * F);
  const groups: GroupFiguresCache = new Map();
  features.forEach((feature, f) => {
    const column = featureColumn(pipeline, feature, table, groups);
    if (rows) for (let i = 0; i < n; i++) values[i * F + f] = column[rows[i]!]!;
    else for (let i = 0; i < n; i++) values[i * F + f] = column[i]!;
  });
  return { rows: n, features: F, values };
}
