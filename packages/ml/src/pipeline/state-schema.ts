/** The fitted pipeline as the model file stores it (zod): every field checked on load. */
import { z } from 'zod';
import { count, countList, finite, finiteList, names } from '../model-file/zod-helpers.ts';
import type { PipelineState } from './types.ts';

const aggregateStat = z.enum(['max', 'min', 'mean', 'std', 'trend']);
const ratioStat = z.enum(['first', 'mean', 'max']);

const derivation = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('column'), column: z.string() }),
  z.strictObject({ kind: z.literal('aggregate'), columns: names.min(1), stat: aggregateStat }),
  z.strictObject({ kind: z.literal('ratio'), columns: names.min(1), stat: ratioStat, denominator: z.string() }),
]);

const scaling = z.strictObject({
  median: finite,
  hasMissing: z.boolean(),
  low: finite,
  high: finite,
  signedLog: z.boolean(),
  mean: finite,
  std: finite,
});

const binning = z.strictObject({
  edges: finiteList,
  missingBin: z.boolean(),
  counts: countList,
  defaults: countList,
  woe: finiteList,
  informationValue: finite,
  monotone: z.enum(['increasing', 'decreasing']).nullable(),
});

const numericInput = z.strictObject({
  name: z.string(),
  unit: z.string(),
  derivation,
  scaling,
  bins: binning,
  codeLike: z.boolean(),
});

const categoricalInput = z.strictObject({
  name: z.string(),
  unit: z.string(),
  column: z.string(),
  levels: names,
  counts: countList,
  defaults: countList,
  woe: finiteList,
  informationValue: finite,
  inDesign: z.boolean(),
});

const sequence = z.strictObject({
  name: z.string(),
  steps: count,
  channels: z.array(z.strictObject({ group: z.string(), columns: names, scaling })),
});

const options = z.strictObject({
  encoding: z.enum(['bins', 'woe', 'linear', 'hybrid']),
  maxBins: count,
  minLevelCount: count,
  clipQuantiles: z.tuple([finite, finite]),
  groupAggregates: z.boolean(),
  limitColumn: z.string().optional(),
  minBinShare: finite,
});

export const pipelineStateSchema = z.strictObject({
  options,
  numeric: z.array(numericInput),
  categorical: z.array(categoricalInput),
  sequences: z.array(sequence),
  units: z.array(z.strictObject({ name: z.string(), columns: names })),
  columns: names,
}) satisfies z.ZodType<PipelineState>;

/** Checks the schema cannot express: bin edges that ascend, bin tables sized to their edges, units that exist. */
export function checkPipeline(state: PipelineState): { path: string; message: string } | null {
  const units = new Set(state.units.map((u) => u.name));
  for (const [i, input] of state.numeric.entries()) {
    // A value's bin is the count of edges at or below it (binIndex): only ascending edges make that its place.
    const { edges } = input.bins;
    for (let j = 1; j < edges.length; j++) {
      if (!(edges[j]! >= edges[j - 1]!))
        return {
          path: `pipeline.numeric[${i}].bins.edges[${j}]`,
          message: `${edges[j]} is below the edge before it (${edges[j - 1]}): edges ascend`,
        };
    }
    const bins = input.bins.edges.length + 1 + (input.bins.missingBin ? 1 : 0);
    for (const key of ['counts', 'defaults', 'woe'] as const) {
      if (input.bins[key].length !== bins)
        return { path: `pipeline.numeric[${i}].bins.${key}`, message: `has ${input.bins[key].length} entries for ${bins} bins` };
    }
    if (!units.has(input.unit)) return { path: `pipeline.numeric[${i}].unit`, message: `"${input.unit}" is not one of pipeline.units` };
  }
  for (const [i, input] of state.categorical.entries()) {
    const codes = input.levels.length + 2;
    for (const key of ['counts', 'defaults', 'woe'] as const) {
      if (input[key].length !== codes)
        return { path: `pipeline.categorical[${i}].${key}`, message: `has ${input[key].length} entries for ${codes} codes` };
    }
    if (!units.has(input.unit)) return { path: `pipeline.categorical[${i}].unit`, message: `"${input.unit}" is not one of pipeline.units` };
  }
  return null;
}
