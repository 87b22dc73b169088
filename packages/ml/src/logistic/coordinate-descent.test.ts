import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { denseColumnDesign, type ColumnDesign } from '../pipeline/column-design.ts';
import { fitCoordinateDescent } from './coordinate-descent.ts';
import { makePenalty } from './penalty.ts';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/logistic/${name}.json`, import.meta.url), 'utf8')) as T;
}

interface Answer {
  lambda: number;
  l1Ratio: number;
  penaliseIntercept: boolean;
  coefficients: number[];
  intercept: number;
  objective: number;
  support: number[];
}

interface Penalised {
  dense: { X: number[][]; y: number[]; cases: Answer[]; weighted: Answer & { defaultWeight: number } };
  onehot: { dense: number[]; a: number[]; b: number[]; y: number[]; case: Answer };
}

function byColumns(X: number[][]): ColumnDesign {
  const n = X.length;
  const p = X[0]!.length;
  const values = new Float32Array(n * p);
  X.forEach((row, i) => row.forEach((v, j) => (values[j * n + i] = v)));
  return denseColumnDesign(n, p, values);
}

function penaltyOf(answer: Answer) {
  return answer.l1Ratio === 1 ? makePenalty('l1') : makePenalty('elasticnet', answer.l1Ratio);
}

function expectOptimum(fit: Awaited<ReturnType<typeof fitCoordinateDescent>>, answer: Answer) {
  expect(fit.converged).toBe(true);
  const support = [...fit.coef.keys()].filter((j) => fit.coef[j] !== 0);
  expect(support).toEqual(answer.support);
  answer.coefficients.forEach((c, j) => expect(fit.coef[j]).toBeCloseTo(c, 6));
  expect(fit.intercept).toBeCloseTo(answer.intercept, 6);
  expect(Math.abs(fit.objective - answer.objective) / answer.objective).toBeLessThan(1e-10);
}

describe('fitCoordinateDescent against the optimum (scripts/penalised-logistic-fixtures.py)', () => {
  const data = fixture<Penalised>('penalised');
  const design = byColumns(data.dense.X);
  const labels = Uint8Array.from(data.dense.y);

  for (const answer of data.dense.cases) {
    const what = `${answer.l1Ratio === 1 ? 'L1' : `elastic net ${answer.l1Ratio}`} at lambda ${answer.lambda}${answer.penaliseIntercept ? ', intercept penalised (liblinear)' : ''}`;
    it(`${what}: same support, coefficients and objective`, async () => {
      const fit = await fitCoordinateDescent(design, labels, {
        lambda: answer.lambda,
        penalty: penaltyOf(answer),
        penalizeIntercept: answer.penaliseIntercept,
        tolerance: 1e-10,
      });
      expectOptimum(fit, answer);
      expect(fit.workingSet).toBeLessThan(40);
    });
  }

  it('weights each default (class weighting)', async () => {
    const answer = data.dense.weighted;
    const weights = Float32Array.from(data.dense.y, (y) => (y === 1 ? answer.defaultWeight : 1));
    const fit = await fitCoordinateDescent(design, labels, {
      lambda: answer.lambda,
      penalty: makePenalty('l1'),
      weights,
      tolerance: 1e-10,
    });
    expectOptimum(fit, answer);
  });

  it('warm-starts from another penalty and reaches the same optimum', async () => {
    const [loose, , tight] = data.dense.cases;
    const first = await fitCoordinateDescent(design, labels, { lambda: tight!.lambda, penalty: makePenalty('l1'), tolerance: 1e-10 });
    const init = Float64Array.from([...first.coef, first.intercept]);
    const fit = await fitCoordinateDescent(design, labels, { lambda: loose!.lambda, penalty: makePenalty('l1'), init, tolerance: 1e-10 });
    expectOptimum(fit, loose!);
  });

  it('one-hot columns stored as row lists (bins and levels) give the same optimum', async () => {
    const { dense, a, b, y, case: answer } = data.onehot;
    const n = y.length;
    const starts = new Int32Array(10);
    const rows: number[] = [];
    const blocks = [
      { codes: a, size: 4 },
      { codes: b, size: 5 },
    ];
    let column = 0;
    for (const block of blocks) {
      for (let level = 0; level < block.size; level++) {
        starts[column] = rows.length;
        block.codes.forEach((code, i) => code === level && rows.push(i));
        column++;
      }
    }
    starts[column] = rows.length;
    const design: ColumnDesign = {
      rows: n,
      columnCount: 10,
      denseDim: 1,
      dense: Float32Array.from(dense),
      oneHotStarts: starts,
      oneHotRows: Int32Array.from(rows),
    };
    const fit = await fitCoordinateDescent(design, Uint8Array.from(y), {
      lambda: answer.lambda,
      penalty: makePenalty('l1'),
      tolerance: 1e-10,
    });
    expectOptimum(fit, answer);
  });
});

describe('fitCoordinateDescent with an L2 penalty matches the L2 answers (scripts/logistic-fixtures.py)', () => {
  it('dense case at lambda 1 and 25', async () => {
    const data = fixture<{
      X: number[][];
      y: number[];
      cases: { lambda: number; coefficients: number[]; intercept: number; logLikelihood: number }[];
    }>('dense');
    for (const answer of data.cases.filter((c) => c.lambda > 0)) {
      const fit = await fitCoordinateDescent(byColumns(data.X), Uint8Array.from(data.y), {
        lambda: answer.lambda,
        penalty: makePenalty('l2'),
        tolerance: 1e-11,
      });
      expect(fit.converged).toBe(true);
      answer.coefficients.forEach((c, j) => expect(fit.coef[j]).toBeCloseTo(c, 6));
      expect(Math.abs(fit.logLikelihood - answer.logLikelihood) / Math.abs(answer.logLikelihood)).toBeLessThan(1e-9);
    }
  });
});
