import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../errors.ts';
import { compilePortfolio } from './compile-portfolio.ts';
import { parseExposures } from './exposure.ts';
import { parseFactorModel, uniformFactorModel } from './factor-model.ts';

const good = { id: 'L-1', sector: 'energy', ead: 100, pd: 0.02, lgd: 0.45 };
const model = uniformFactorModel(['energy', 'retail'], 0.3);

function errorOf(fn: () => unknown): RiskInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RiskInputError) return error;
    throw error;
  }
  throw new Error('expected a RiskInputError');
}

describe('exposure validation', () => {
  it('names index, id and field of a PD outside [0, 1]', () => {
    const error = errorOf(() => parseExposures([good, { ...good, id: 'L-2', pd: 1.2 }]));
    expect(error.message).toBe('exposures[1].pd (id "L-2"): must be in [0, 1], got 1.2');
    expect(error.path).toBe('exposures[1].pd');
    expect(error.entryId).toBe('L-2');
    expect(error.field).toBe('pd');
  });

  it('names a negative EAD', () => {
    expect(errorOf(() => parseExposures([{ ...good, ead: -5 }])).message).toBe('exposures[0].ead (id "L-1"): must not be negative, got -5');
  });

  it('names a missing LGD', () => {
    const { lgd: _lgd, ...withoutLgd } = good;
    expect(errorOf(() => parseExposures([withoutLgd])).message).toBe('exposures[0].lgd (id "L-1"): is required');
  });

  it('names non-numbers, NaN and infinities', () => {
    expect(errorOf(() => parseExposures([{ ...good, ead: '12' }])).message).toBe(
      'exposures[0].ead (id "L-1"): must be a finite number, got "12"',
    );
    expect(errorOf(() => parseExposures([{ ...good, pd: Number.NaN }])).message).toMatch(
      /exposures\[0\]\.pd \(id "L-1"\): must be a finite number/,
    );
    expect(errorOf(() => parseExposures([{ ...good, ead: Infinity }])).message).toMatch(/exposures\[0\]\.ead/);
  });

  it('lists every problem, the first in the message', () => {
    const error = errorOf(() =>
      parseExposures([
        { ...good, pd: -1 },
        { ...good, id: 'L-9', ead: -1 },
      ]),
    );
    expect(error.problems).toHaveLength(2);
    expect(error.message).toMatch(/\(and 1 more problem\)$/);
    expect(error.problems[1]!.entryId).toBe('L-9');
  });

  it('rejects duplicate ids, an impossible LGD spread and an SME without sales', () => {
    expect(errorOf(() => parseExposures([good, good])).message).toBe('exposures[1].id (id "L-1"): duplicates exposures[0]');
    expect(errorOf(() => parseExposures([{ ...good, lgd: 0.9, lgdSd: 0.35 }])).message).toMatch(
      /exposures\[0\]\.lgdSd .* must be below sqrt\(lgd \(1 - lgd\)\) = 0\.3000/,
    );
    expect(errorOf(() => parseExposures([{ ...good, assetClass: 'sme' }])).path).toBe('exposures[0].annualSales');
  });
});

describe('factor model validation', () => {
  it('rejects a correlation matrix that is not positive semi-definite, naming the sectors involved', () => {
    const sectors = ['energy', 'retail', 'tech'];
    const error = errorOf(() =>
      parseFactorModel({
        sectors,
        correlation: [
          [1, 0.9, -0.9],
          [0.9, 1, 0.9],
          [-0.9, 0.9, 1],
        ],
      }),
    );
    expect(error.path).toBe('factorModel.correlation');
    expect(error.message).toMatch(/is not positive semi-definite: smallest eigenvalue -0\.8/);
    expect(error.message).toMatch(/"energy"/);
  });

  it('accepts a singular but PSD matrix (perfectly correlated sectors)', () => {
    expect(() =>
      parseFactorModel({
        sectors: ['a', 'b'],
        correlation: [
          [1, 1],
          [1, 1],
        ],
      }),
    ).not.toThrow();
  });

  it('names asymmetric, off-diagonal and badly sized entries', () => {
    expect(
      errorOf(() =>
        parseFactorModel({
          sectors: ['a', 'b'],
          correlation: [
            [1, 0.2],
            [0.3, 1],
          ],
        }),
      ).message,
    ).toBe('factorModel.correlation[1][0]: matrix must be symmetric: 0.3 here but 0.2 at [0][1]');
    expect(
      errorOf(() =>
        parseFactorModel({
          sectors: ['a', 'b'],
          correlation: [
            [1, 1.2],
            [1.2, 1],
          ],
        }),
      ).path,
    ).toBe('factorModel.correlation[0][1]');
    expect(
      errorOf(() =>
        parseFactorModel({
          sectors: ['a', 'b'],
          correlation: [
            [0.9, 0],
            [0, 1],
          ],
        }),
      ).message,
    ).toMatch(/diagonal must be 1/);
    expect(errorOf(() => parseFactorModel({ sectors: ['a', 'b'], correlation: [[1, 0]] })).message).toMatch(/must have 2 rows/);
    expect(
      errorOf(() =>
        parseFactorModel({
          sectors: ['a', 'a'],
          correlation: [
            [1, 0],
            [0, 1],
          ],
        }),
      ).path,
    ).toBe('factorModel.sectors[1]');
  });
});

describe('portfolio compilation', () => {
  it('rejects an exposure in a sector the factor model does not have', () => {
    expect(errorOf(() => compilePortfolio([{ ...good, sector: 'mining' }], model)).message).toBe(
      'exposures[0].sector (id "L-1"): "mining" is not one of the factor model\'s sectors',
    );
  });

  it('rejects exposures of one obligor with different PDs, naming both', () => {
    const error = errorOf(() =>
      compilePortfolio(
        [
          { ...good, obligorId: 'O' },
          { ...good, id: 'L-2', obligorId: 'O', pd: 0.05 },
        ],
        model,
      ),
    );
    expect(error.message).toBe(
      'exposures[1].pd (id "L-2"): differs from exposures[0] of the same obligor "O" (0.05 vs 0.02); an obligor has one pd',
    );
  });

  it('groups exposures by obligor and takes R from the exposure, the sector default or Basel', () => {
    const compiled = compilePortfolio(
      [
        { ...good, obligorId: 'O', assetClass: 'corporate' },
        { ...good, id: 'L-2', obligorId: 'O', ead: 50, lgd: 0.2 },
        { ...good, id: 'L-3', sector: 'retail', assetCorrelation: 0.3 },
      ],
      { ...model, sectorAssetCorrelation: { energy: 0.18 } },
    );
    expect(compiled.obligorIds).toEqual(['O', 'L-3']);
    expect(compiled.obligorValue[0]).toBeCloseTo(100 * 0.45 + 50 * 0.2, 12);
    expect(compiled.obligorR[0]).toBe(0.18);
    expect(compiled.obligorR[1]).toBe(0.3);
    expect(compilePortfolio([good], model).obligorR[0]).toBeGreaterThan(0.12);
  });
});
