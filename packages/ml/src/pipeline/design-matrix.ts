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
import { deriveInput, type GroupFiguresCache } from './derived-inputs.ts';
import { selectionSize, type RowSelection } from './row-selection.ts';
import { signedLog } from './scaling.ts';
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
      if (encoding === 'hybrid') dense.push({ kind: 'woe-numeric', input });
      dense.push({ kind: 'scaled', input });
      if (input.scaling.hasMissing) dense.push({ kind: 'missing-indicator', input });
    }
  }
  for (const input of state.categorical) {
    if (!input.inDesign) continue;
    if (encoding === 'woe' || encoding === 'hybrid') dense.push({ kind: 'woe-categorical', input });
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

/** The rows a design encodes: the i-th selected row of the table, and each numeric input's derived values (computed once). */
export interface DesignRows {
  table: Table;
  n: number;
  at: (i: number) => number;
  /** The selected table rows, or undefined for all of them in order. */
  selection: RowSelection;
  values: (input: NumericInputState) => Float64Array;
}

export function designRows(table: Table, rows?: RowSelection): DesignRows {
  const cache = new Map<NumericInputState, Float64Array>();
  const groups: GroupFiguresCache = new Map();
  return {
    table,
    n: selectionSize(table, rows),
    at: (i: number) => (rows ? rows[i]! : i),
    selection: rows,
    values: (input) => {
      let values = cache.get(input);
      if (!values) {
        values = deriveInput(input.derivation, table, groups);
        cache.set(input, values);
      }
      return values;
    },
  };
}

/** The selected rows' values of `values` (the array itself when every row is selected). */
function selectedValues(values: Float64Array, rows: DesignRows): Float64Array {
  const { selection, n } = rows;
  if (!selection) return values;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = values[selection[i]!]!;
  return out;
}

/**
 * Writes the dense column `source` of every selected row to out[offset + i * stride]. One loop per
 * kind, with binIndex and applyScaling written out in it (the same arithmetic, so the same values):
 * scoring runs this for every input of every row, and a call and a branch on the kind per value cost
 * more than the value.
 */
export function writeDenseColumn(source: DenseSource, rows: DesignRows, out: Float32Array, offset: number, stride: number): void {
  const { table, n, at } = rows;
  if (source.kind === 'woe-categorical') {
    const codes = encodeLevels(source.input, requireColumn(table, source.input.column), table.rowCount);
    for (let i = 0; i < n; i++) out[offset + i * stride] = source.input.woe[codes[at(i)]!]!;
    return;
  }
  const input = source.input;
  const values = selectedValues(rows.values(input), rows);
  if (source.kind === 'missing-indicator') {
    for (let i = 0; i < n; i++) out[offset + i * stride] = Number.isNaN(values[i]!) ? 1 : 0;
  } else if (source.kind === 'woe-numeric') {
    const { edges, woe, missingBin } = input.bins;
    const median = input.scaling.median;
    const count = edges.length;
    for (let i = 0; i < n; i++) {
      let v = values[i]!;
      let k = 0;
      if (Number.isNaN(v)) {
        if (missingBin) {
          out[offset + i * stride] = woe[count + 1]!;
          continue;
        }
        v = median;
      }
      // As binIndex: the edges at or below the value, counted with no branch.
      for (let j = 0; j < count; j++) k += +(v >= edges[j]!);
      out[offset + i * stride] = woe[k]!;
    }
  } else {
    const { median, low, high, mean, std, signedLog: logged } = input.scaling;
    for (let i = 0; i < n; i++) {
      const raw = values[i]!;
      let x = Number.isNaN(raw) ? median : raw;
      x = x < low ? low : x > high ? high : x;
      if (logged) x = signedLog(x);
      out[offset + i * stride] = (x - mean) / std;
    }
  }
}

/** Writes each selected row's level in a one-hot slot (its bin, or its category's code) plus `add` to out[offset + i * stride]. */
export function writeSlotLevels(source: SlotSource, rows: DesignRows, out: Int32Array, offset: number, stride: number, add: number): void {
  const { table, n, at } = rows;
  if (source.kind === 'bins') {
    const input = source.input;
    const values = rows.values(input);
    for (let i = 0; i < n; i++) out[offset + i * stride] = add + binIndex(input.bins, values[at(i)]!, input.scaling.median);
  } else {
    const input = source.input;
    const codes = encodeLevels(input, requireColumn(table, input.column), table.rowCount, levelIndex(input));
    for (let i = 0; i < n; i++) out[offset + i * stride] = add + codes[at(i)]!;
  }
}

export function buildDesign(
  state: PipelineState,
  table: Table,
  layout: DesignLayout = designLayout(state),
  rows?: RowSelection,
  reuse: WasmDesign | null = null,
): DesignMatrix {
  const selected = designRows(table, rows);
  const n = selected.n;
  const denseDim = layout.denseDim;
  const slotCount = layout.slots.length;
  const { dense, onehot, wasm } = allocateDesignArrays(n, denseDim, slotCount, reuse);
  layout.dense.forEach((source, j) => writeDenseColumn(source, selected, dense, j, denseDim));
  layout.slots.forEach((slot, s) => writeSlotLevels(slot.source, selected, onehot, s, slotCount, slot.offset));
  return { rows: n, dense, denseDim, onehot, slotCount, columnCount: layout.columnCount, wasm };
}
