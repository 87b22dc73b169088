import { beforeAll, describe, expect, it } from 'vitest';
import { prepareDataset } from '../data/dataset.ts';
import { readCsvText } from '../data/read-csv.ts';
import type { Table } from '../data/table.ts';
import { logisticFamily } from '../families/logistic.ts';
import { designLayout } from '../pipeline/design-matrix.ts';
import { fitPipeline } from '../pipeline/fit-pipeline.ts';
import type { Encoding } from '../pipeline/types.ts';
import { seededRandom } from '../util/random.ts';
import { unfamiliarLoansCsv } from '../../test/support/unfamiliar-loans.ts';
import { pruneLogistic } from './prune.ts';
import { buildScorecard, DEFAULT_SCORECARD } from './scorecard.ts';
import type { LogisticModelState } from './types.ts';

let table: Table;
beforeAll(async () => {
  ({ table } = await readCsvText(unfamiliarLoansCsv({ rows: 1500, seed: 9 })));
});

/** A state on the pipeline where only the inputs named in `keep` have non-zero coefficients. */
function sparseState(encoding: Encoding, keep: (input: string) => boolean) {
  const prepared = prepareDataset(table, { target: 'status', defaultValue: 'default' });
  const trainRows = Int32Array.from({ length: table.rowCount }, (_, i) => i);
  const pipeline = fitPipeline(
    { table, columns: prepared.columns, groups: prepared.groups, labels: prepared.labels, trainRows },
    { encoding },
  );
  const layout = designLayout(pipeline);
  const random = seededRandom(3);
  const coefficients = layout.columns.map((c) => (keep(c.unit) ? random() - 0.5 : 0));
  const state: LogisticModelState = {
    columns: layout.columns.map((c) => c.name),
    coefficients,
    intercept: -1.3,
    columnMeans: layout.columns.map(() => random()),
    lambda: 5,
    penalty: { kind: 'l1', l1Ratio: 1 },
    defaultWeight: 1,
    solver: { method: 'coordinate-descent', iterations: 1, gradientNorm: 0, converged: true, seconds: 0, threads: 1 },
    lambdaSearch: [],
    standardErrors: null,
    pValues: null,
    scorecard: encoding === 'woe' ? buildScorecard(layout, coefficients, -1.3, DEFAULT_SCORECARD) : null,
  };
  return { pipeline, state };
}

describe('pruneLogistic', () => {
  for (const encoding of ['bins', 'woe', 'linear', 'hybrid'] as const) {
    it(`${encoding}: keeps only the inputs with a non-zero coefficient, and the log-odds do not change`, () => {
      const kept = new Set(['income', 'late_payments', 'region']);
      const { pipeline, state } = sparseState(encoding, (unit) => kept.has(unit));
      const pruned = pruneLogistic(pipeline, state);
      expect(pruned.droppedInputs).toBeGreaterThan(0);
      expect(new Set(pruned.pipeline.columns)).toEqual(kept);
      expect(pruned.pipeline.units.map((u) => u.name).sort()).toEqual([...kept].sort());
      expect(logisticFamily.check(pruned.state, pruned.pipeline)).toBeNull();
      const before = logisticFamily.compile(state, pipeline);
      const after = logisticFamily.compile(pruned.state, pruned.pipeline);
      const zBefore = before.logits(before.encode(table)).raw;
      const zAfter = after.logits(after.encode(table)).raw;
      for (let i = 0; i < table.rowCount; i++) expect(zAfter[i]).toBeCloseTo(zBefore[i]!, 12);
      // A scoring table with only the kept columns is enough.
      const narrow: Table = { rowCount: table.rowCount, columns: table.columns.filter((c) => kept.has(c.name)) };
      const zNarrow = after.logits(after.encode(narrow)).raw;
      for (let i = 0; i < table.rowCount; i++) expect(zNarrow[i]).toBe(zAfter[i]);
      if (encoding === 'woe') {
        // Scorecard points are worked out again for the kept inputs only.
        expect(pruned.state.scorecard!.inputs.map((i) => i.input).sort()).toEqual(
          pruned.pipeline.numeric
            .map((i) => i.name)
            .concat(pruned.pipeline.categorical.filter((c) => c.inDesign).map((c) => c.name))
            .sort(),
        );
      }
    });
  }
});
