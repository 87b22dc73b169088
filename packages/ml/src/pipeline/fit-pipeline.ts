/**
 * Fits the feature pipeline on training rows: numeric inputs (columns, group aggregates and ratios to
 * a limit column) with scaling and bins, categorical levels, and sequences for the deep model.
 */
import type { ColumnProfile } from '../data/column-types.ts';
import type { ColumnGroup } from '../data/groups.ts';
import { requireColumn, type Table } from '../data/table.ts';
import { fitBinning } from './binning.ts';
import { fitLevels } from './categorical-levels.ts';
import { deriveInput, derivationColumns, type GroupFiguresCache } from './derived-inputs.ts';
import { distinctSorted, sortedFinite } from './quantiles.ts';
import { fitScaling } from './scaling.ts';
import {
  DEFAULT_PIPELINE_OPTIONS,
  type AggregateStat,
  type CategoricalInputState,
  type Derivation,
  type FeatureUnit,
  type NumericInputState,
  type PipelineOptions,
  type PipelineState,
  type RatioStat,
  type SequenceState,
} from './types.ts';

export interface PipelineFitInput {
  table: Table;
  columns: ColumnProfile[];
  groups: ColumnGroup[];
  labels: Uint8Array;
  trainRows: Int32Array;
}

const AGGREGATES: AggregateStat[] = ['max', 'min', 'mean', 'std', 'trend'];
const RATIOS: RatioStat[] = ['first', 'mean', 'max'];

/** The explanation unit of a group: its first and last column, e.g. "BILL_AMT1..BILL_AMT6". */
export function groupUnitName(group: ColumnGroup): string {
  return `${group.columns[0]}..${group.columns[group.columns.length - 1]}`;
}

interface InputPlan {
  name: string;
  unit: string;
  derivation: Derivation;
  codeLike: boolean | null;
}

function planNumericInputs(input: PipelineFitInput, options: PipelineOptions): InputPlan[] {
  const profiles = new Map(input.columns.map((c) => [c.name, c]));
  const plans: InputPlan[] = input.columns
    .filter((c) => c.kind === 'numeric')
    .map((c) => ({ name: c.name, unit: c.name, derivation: { kind: 'column', column: c.name }, codeLike: c.codeLike }));
  if (!options.groupAggregates) return plans;
  if (options.limitColumn !== undefined && profiles.get(options.limitColumn)?.kind !== 'numeric') {
    throw new Error(`--limit-column "${options.limitColumn}" must name a numeric feature column of the data`);
  }
  for (const group of input.groups) {
    const unit = groupUnitName(group);
    const codes = group.columns.every((c) => profiles.get(c)?.codeLike === true);
    for (const stat of AGGREGATES) {
      plans.push({ name: `${group.name}:${stat}`, unit, derivation: { kind: 'aggregate', columns: group.columns, stat }, codeLike: null });
    }
    if (options.limitColumn !== undefined && !codes && !group.columns.includes(options.limitColumn)) {
      for (const stat of RATIOS) {
        plans.push({
          name: `${group.name}:${stat}/${options.limitColumn}`,
          unit,
          derivation: { kind: 'ratio', columns: group.columns, stat, denominator: options.limitColumn },
          codeLike: null,
        });
      }
    }
  }
  return plans;
}

function fitNumericInput(
  plan: InputPlan,
  input: PipelineFitInput,
  options: PipelineOptions,
  groups: GroupFiguresCache,
): NumericInputState | null {
  const values = deriveInput(plan.derivation, input.table, groups);
  const sorted = sortedFinite(values, input.trainRows);
  const missing = input.trainRows.length - sorted.length;
  const distinct = distinctSorted(sorted, 12);
  if (distinct !== null && distinct.length + (missing > 0 ? 1 : 0) < 2) return null; // no information
  const codeLike = plan.codeLike ?? (distinct !== null && distinct.every(Number.isInteger));
  const scaling = fitScaling(sorted, missing, options.clipQuantiles, !codeLike);
  const bins = fitBinning(sorted, values, input.trainRows, input.labels, scaling.median, {
    maxBins: options.maxBins,
    codeLike,
    monotone: options.encoding === 'woe' || options.encoding === 'hybrid',
    minBinShare: options.minBinShare,
  });
  return { name: plan.name, unit: plan.unit, derivation: plan.derivation, scaling, bins, codeLike };
}

function fitSequences(input: PipelineFitInput): SequenceState[] {
  const byLength = new Map<number, ColumnGroup[]>();
  for (const group of input.groups) {
    const list = byLength.get(group.columns.length) ?? [];
    list.push(group);
    byLength.set(group.columns.length, list);
  }
  const profiles = new Map(input.columns.map((c) => [c.name, c]));
  return [...byLength.entries()].map(([steps, groups]) => ({
    name: groups.map((g) => g.name).join('+'),
    steps,
    channels: groups.map((group) => {
      const pooled = new Float64Array(input.trainRows.length * group.columns.length);
      let size = 0;
      for (const name of group.columns) {
        const numbers = requireColumn(input.table, name).numbers;
        for (const row of input.trainRows) {
          const v = numbers[row]!;
          if (!Number.isNaN(v)) pooled[size++] = v;
        }
      }
      const codes = group.columns.every((c) => profiles.get(c)?.codeLike === true);
      const scaling = fitScaling(pooled.subarray(0, size).sort(), pooled.length - size, [0.005, 0.995], !codes);
      return { group: group.name, columns: [...group.columns], scaling };
    }),
  }));
}

export function fitPipeline(input: PipelineFitInput, overrides: Partial<PipelineOptions> = {}): PipelineState {
  const options: PipelineOptions = { ...DEFAULT_PIPELINE_OPTIONS, ...overrides };
  // A repeated group's statistics share one pass over its members (see deriveInput).
  const groups: GroupFiguresCache = new Map();
  const numeric = planNumericInputs(input, options)
    .map((plan) => fitNumericInput(plan, input, options, groups))
    .filter((state): state is NumericInputState => state !== null);

  const minCount = Math.min(options.minLevelCount, Math.max(5, Math.ceil(0.01 * input.trainRows.length)));
  const categorical: CategoricalInputState[] = [];
  for (const profile of input.columns) {
    const isCodeColumn = profile.kind === 'numeric' && profile.codeLike;
    if (profile.kind !== 'categorical' && !isCodeColumn) continue;
    const column = requireColumn(input.table, profile.name);
    categorical.push(
      fitLevels(column, input.trainRows, input.labels, {
        name: profile.name,
        unit: profile.name,
        minCount,
        inDesign: profile.kind === 'categorical',
      }),
    );
  }
  const sequences = fitSequences(input);

  const units: FeatureUnit[] = [];
  const seenUnits = new Set<string>();
  const addUnit = (name: string, columns: string[]) => {
    if (seenUnits.has(name)) return;
    seenUnits.add(name);
    units.push({ name, columns });
  };
  for (const state of numeric) addUnit(state.unit, state.unit === state.name ? [state.name] : derivationColumns(state.derivation));
  for (const state of categorical) addUnit(state.unit, [state.column]);
  for (const sequence of sequences) for (const channel of sequence.channels) for (const c of channel.columns) addUnit(c, [c]);

  const columns = new Set<string>();
  for (const state of numeric) for (const c of derivationColumns(state.derivation)) columns.add(c);
  for (const state of categorical) columns.add(state.column);
  for (const sequence of sequences) for (const channel of sequence.channels) for (const c of channel.columns) columns.add(c);
  return { options, numeric, categorical, sequences, units, columns: [...columns] };
}
