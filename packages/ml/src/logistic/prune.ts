/**
 * A logistic model trained alone with an L1 or elastic-net penalty keeps a few dozen of thousands of
 * inputs; this narrows its pipeline to the inputs with a non-zero coefficient, so the model file and
 * a scoring file need only the kept columns, and scoring encodes only them. The log-odds do not change
 * (the dropped columns had zero coefficients), nor do the explanations (a zero coefficient contributes
 * nothing). Fusion members share one pipeline and are never pruned.
 */
import { designLayout } from '../pipeline/design-matrix.ts';
import { derivationColumns } from '../pipeline/derived-inputs.ts';
import type { PipelineState } from '../pipeline/types.ts';
import { buildScorecard } from './scorecard.ts';
import type { LogisticModelState } from './types.ts';

export function pruneLogistic(
  pipeline: PipelineState,
  state: LogisticModelState,
): { pipeline: PipelineState; state: LogisticModelState; droppedInputs: number } {
  const layout = designLayout(pipeline);
  const used = new Set<object>();
  layout.dense.forEach((source, j) => {
    if (state.coefficients[j] !== 0) used.add(source.input);
  });
  for (const slot of layout.slots) {
    for (let k = 0; k < slot.size; k++) if (state.coefficients[slot.offset + k] !== 0) used.add(slot.source.input);
  }
  const numeric = pipeline.numeric.filter((input) => used.has(input));
  const numericColumns = new Set(numeric.flatMap((input) => derivationColumns(input.derivation)));
  // Level tables outside the design (code-like columns) serve the deep model only; keep those of kept columns.
  const categorical = pipeline.categorical.filter((input) => (input.inDesign ? used.has(input) : numericColumns.has(input.column)));
  const unitNames = new Set([...numeric.map((i) => i.unit), ...categorical.map((i) => i.unit)]);
  const columns = new Set([...numericColumns, ...categorical.map((i) => i.column)]);
  const narrowed: PipelineState = {
    ...pipeline,
    numeric,
    categorical,
    sequences: [],
    units: pipeline.units.filter((unit) => unitNames.has(unit.name)),
    columns: pipeline.columns.filter((column) => columns.has(column)),
  };
  const oldIndex = new Map(layout.columns.map((column, j) => [column.name, j]));
  const narrowedLayout = designLayout(narrowed);
  const keep = narrowedLayout.columns.map((column) => oldIndex.get(column.name)!);
  const pick = <T>(values: T[]) => keep.map((j) => values[j]!);
  const pickWithIntercept = (values: number[] | null) => (values ? [...pick(values), values[values.length - 1]!] : null);
  const coefficients = pick(state.coefficients);
  return {
    pipeline: narrowed,
    state: {
      ...state,
      columns: pick(state.columns),
      coefficients,
      columnMeans: pick(state.columnMeans),
      standardErrors: pickWithIntercept(state.standardErrors),
      pValues: pickWithIntercept(state.pValues),
      // Points share the intercept among the inputs, so they are worked out again for the kept ones.
      scorecard: state.scorecard ? buildScorecard(narrowedLayout, coefficients, state.intercept, state.scorecard) : null,
    },
    droppedInputs: pipeline.numeric.length + pipeline.categorical.filter((i) => i.inDesign).length - used.size,
  };
}
