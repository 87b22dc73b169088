/**
 * The logistic model's design matrix. Most inputs are one-hot (bins, levels), so rows store the index
 * of their active column per one-hot "slot" instead of hundreds of zeros; inputs with a real value
 * (WoE, standardised values, missing indicators) go into a small dense block. Column j of the model is
 * dense column j for j < denseDim, else one-hot column j - denseDim.
 */
import { requireColumn, type Table } from '../data/table.ts';
import { allocateDesignArrays, type WasmDesign } from '../logistic/wasm/design-memory.ts';
import { binIndex } from './binning.ts';
import { encodeLevels, levelIndex } from './categorical-levels.ts';
import { deriveInput } from './derived-inputs.ts';
import { selectionSize, type RowSelection } from './row-selection.ts';
import { applyScaling } from './scaling.ts';
import { type BinningState, type CategoricalInputState, type NumericInputState, type PipelineState } from './types.ts';

export interface DesignMatrix {
  rows: number;
  /** rows x denseDim, row-major. */
  dense: Float32Array;
  denseDim: number;
  /** rows x slotCount, row-major: the active model column of each one-hot slot. */
  onehot: Int32Array;
  slotCount: number;
  /** denseDim + all one-hot columns. */
  columnCount: number;
  /** The WebAssembly memory holding dense and onehot, when they fit one (then SIMD kernels run). */
  wasm?: WasmDesign | null;
}

export interface DesignColumn {
  name: string;
  /** The explanation unit (original column or group) this column belongs to. */
  unit: string;
}

type DenseSource =
  | { kind: 'woe-numeric'; input: NumericInputState }
  | { kind: 'woe-categorical'; input: CategoricalInputState }
  | { kind: 'scaled'; input: NumericInputState }
  | { kind: 'missing-indicator'; input: NumericInputState };

type SlotSource = { kind: 'bins'; input: NumericInputState } | { kind: 'levels'; input: CategoricalInputState };

export interface DesignLayout {
  dense: DenseSource[];
  slots: { source: SlotSource; offset: number; size: number }[];
  columns: DesignColumn[];
  denseDim: number;
  columnCount: number;
}

function formatEdge(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}

export function binNames(input: NumericInputState): string[] {
  const bins: BinningState = input.bins;
  const names: string[] = [];
  for (let k = 0; k <= bins.edges.length; k++) {
    const lo = k === 0 ? '-inf' : formatEdge(bins.edges[k - 1]!);
    const hi = k === bins.edges.length ? '+inf' : formatEdge(bins.edges[k]!);
    names.push(`${input.name} in [${lo}, ${hi})`);
  }
  if (bins.missingBin) names.push(`${input.name} missing`);
  return names;
}

export function levelNames(input: CategoricalInputState): string[] {
  return [`${input.name} missing`, `${input.name} other`, ...input.levels.map((level) => `${input.name} = ${level}`)];
}

export function designLayout(state: PipelineState): DesignLayout {
  const encoding = state.options.encoding;
  const dense: DenseSource[] = [];
  const slotSources: SlotSource[] = [];
  for (const input of state.numeric) {
    if (encoding === 'bins') slotSources.push({ kind: 'bins', input });
    else if (encoding === 'woe') dense.push({ kind: 'woe-numeric', input });
    else {
      dense.push({ kind: 'scaled', input });
      if (input.scaling.hasMissing) dense.push({ kind: 'missing-indicator', input });
    }
  }
  for (const input of state.categorical) {
    if (!input.inDesign) continue;
    if (encoding === 'woe') dense.push({ kind: 'woe-categorical', input });
    else slotSources.push({ kind: 'levels', input });
  }
  const columns: DesignColumn[] = dense.map((source) => ({
    name:
      source.kind === 'missing-indicator'
        ? `${source.input.name} missing`
        : source.kind === 'scaled'
          ? source.input.name
          : `${source.input.name} (WoE)`,
    unit: source.input.unit,
  }));
  let offset = dense.length;
  const slots = slotSources.map((source) => {
    const names = source.kind === 'bins' ? binNames(source.input) : levelNames(source.input);
    for (const name of names) columns.push({ name, unit: source.input.unit });
    const slot = { source, offset, size: names.length };
    offset += names.length;
    return slot;
  });
  return { dense, slots, columns, denseDim: dense.length, columnCount: offset };
}

export function buildDesign(
  state: PipelineState,
  table: Table,
  layout: DesignLayout = designLayout(state),
  rows?: RowSelection,
): DesignMatrix {
  const n = selectionSize(table, rows);
  const at = (i: number) => (rows ? rows[i]! : i);
  const denseDim = layout.denseDim;
  const slotCount = layout.slots.length;
  const { dense, onehot, wasm } = allocateDesignArrays(n, denseDim, slotCount);
  const rawCache = new Map<NumericInputState, Float64Array>();
  const raw = (input: NumericInputState) => {
    let values = rawCache.get(input);
    if (!values) {
      values = deriveInput(input.derivation, table);
      rawCache.set(input, values);
    }
    return values;
  };
  layout.dense.forEach((source, j) => {
    if (source.kind === 'woe-categorical') {
      const codes = encodeLevels(source.input, requireColumn(table, source.input.column), table.rowCount);
      for (let i = 0; i < n; i++) dense[i * denseDim + j] = source.input.woe[codes[at(i)]!]!;
      return;
    }
    const input = source.input;
    const values = raw(input);
    for (let i = 0; i < n; i++) {
      const v = values[at(i)]!;
      let x: number;
      if (source.kind === 'woe-numeric') x = input.bins.woe[binIndex(input.bins, v, input.scaling.median)]!;
      else if (source.kind === 'scaled') x = applyScaling(input.scaling, v);
      else x = Number.isNaN(v) ? 1 : 0;
      dense[i * denseDim + j] = x;
    }
  });
  layout.slots.forEach((slot, s) => {
    if (slot.source.kind === 'bins') {
      const input = slot.source.input;
      const values = raw(input);
      for (let i = 0; i < n; i++) onehot[i * slotCount + s] = slot.offset + binIndex(input.bins, values[at(i)]!, input.scaling.median);
    } else {
      const input = slot.source.input;
      const codes = encodeLevels(input, requireColumn(table, input.column), table.rowCount, levelIndex(input));
      for (let i = 0; i < n; i++) onehot[i * slotCount + s] = slot.offset + codes[at(i)]!;
    }
  });
  return { rows: n, dense, denseDim, onehot, slotCount, columnCount: layout.columnCount, wasm };
}
