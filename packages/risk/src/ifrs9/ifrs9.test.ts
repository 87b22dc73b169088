import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/support/fixtures.ts';
import { RiskInputError } from '../errors.ts';
import { expectedCreditLoss, type EclExposure, type EclOptions } from './ecl.ts';
import { allocateStages } from './staging.ts';
import { flatTermStructure, survival, termStructuresFromMigration } from './term-structure.ts';

describe('IFRS 9 staging', () => {
  const book = [
    { id: 'fine', pdOrigination: 0.01, pdCurrent: 0.015 },
    { id: 'doubled', pdOrigination: 0.01, pdCurrent: 0.02 },
    { id: 'late', pdOrigination: 0.01, pdCurrent: 0.01, daysPastDue: 31 },
    { id: 'thirty', pdOrigination: 0.01, pdCurrent: 0.01, daysPastDue: 30 },
    { id: 'ninety-one', pdOrigination: 0.01, pdCurrent: 0.01, daysPastDue: 91 },
    { id: 'defaulted', pdOrigination: 0.01, pdCurrent: 0.3, defaulted: true },
    { id: 'watch', pdOrigination: 0.01, pdCurrent: 0.01, watchlist: true },
    { id: 'tiny', pdOrigination: 0.0005, pdCurrent: 0.0015 },
  ];

  it('allocates with the default rules: x2 PD, 30 days backstop, 90 days or default is stage 3', () => {
    const { allocations, counts } = allocateStages(book);
    const stages = Object.fromEntries(allocations.map((a) => [a.id, a.stage]));
    expect(stages).toEqual({ fine: 1, doubled: 2, late: 2, thirty: 1, 'ninety-one': 3, defaulted: 3, watch: 2, tiny: 2 });
    expect(counts).toEqual({ 1: 2, 2: 4, 3: 2 });
    expect(allocations.find((a) => a.id === 'late')!.reasons).toEqual(['days-past-due-backstop']);
  });

  it('honours absolute thresholds, the combination rule and the low-credit-risk exemption', () => {
    const both = allocateStages(book, { relativeThreshold: 2, absoluteThreshold: 0.005, combine: 'all' }).allocations;
    expect(both.find((a) => a.id === 'tiny')!.stage).toBe(1); // tripled, but by 0.1 points only
    expect(both.find((a) => a.id === 'doubled')!.stage).toBe(2);
    const exempt = allocateStages(book, { lowCreditRiskPd: 0.003 }).allocations.find((a) => a.id === 'tiny')!;
    expect(exempt.stage).toBe(1);
    expect(exempt.reasons).toEqual(['low-credit-risk']);
    const noBackstop = allocateStages(book, { backstopDaysPastDue: null }).allocations.find((a) => a.id === 'late')!;
    expect(noBackstop.stage).toBe(1);
  });

  it('names bad entries', () => {
    expect(() => allocateStages([{ id: 'x', pdOrigination: 0.01, pdCurrent: 1.5 }])).toThrowError(
      /exposures\[0\]\.pdCurrent \(id "x"\): must be in \[0, 1\], got 1.5/,
    );
    expect(() => allocateStages([{ id: 'x', pdOrigination: 0.01, pdCurrent: 0.1, daysPastDue: -3 }])).toThrowError(RiskInputError);
  });
});

describe('expected credit loss', () => {
  const r = 0.05;
  const p = 0.03;
  const base: EclExposure = { id: 'a', stage: 2, ead: 1000, lgd: 0.4, eir: r, remainingLife: 5, annualPd: p };

  it('has the closed form LGD EAD sum_t p (1-p)^(t-1) / (1+r)^t with yearly periods', () => {
    const { exposures } = expectedCreditLoss([base], { periodsPerYear: 1 });
    const q = (1 - p) / (1 + r);
    expect(exposures[0]!.lifetime).toBeCloseTo(((0.4 * 1000 * p) / (1 + r)) * ((1 - q ** 5) / (1 - q)), 10);
    expect(exposures[0]!.twelveMonth).toBeCloseTo((0.4 * 1000 * p) / (1 + r), 10);
    expect(exposures[0]!.ecl).toBe(exposures[0]!.lifetime);
  });

  it('has the geometric closed form with monthly periods under a constant hazard', () => {
    const { exposures } = expectedCreditLoss([{ ...base, stage: 1 }], { periodsPerYear: 12 });
    const a = (1 - p) ** (1 / 12);
    const d = (1 + r) ** (-1 / 12);
    const twelve = 0.4 * 1000 * (1 - a) * d * ((1 - (a * d) ** 12) / (1 - a * d));
    expect(exposures[0]!.twelveMonth).toBeCloseTo(twelve, 10);
    expect(exposures[0]!.ecl).toBe(exposures[0]!.twelveMonth);
  });

  it('books LGD x EAD in stage 3 and totals by stage', () => {
    const result = expectedCreditLoss([base, { ...base, id: 'b', stage: 3 }, { ...base, id: 'c', stage: 1 }]);
    expect(result.exposures[1]!.ecl).toBe(400);
    expect(result.byStage[3]).toBe(400);
    expect(result.total).toBeCloseTo(result.byStage[1] + result.byStage[2] + result.byStage[3], 10);
  });

  it('matches an independent implementation for amortising loans, fractional lives and mid-period timing', () => {
    const f = fixture<{ ecl: { exposure: EclExposure; options: EclOptions; twelveMonth: number; lifetime: number }[] }>('ifrs9.json');
    for (const c of f.ecl) {
      const [result] = expectedCreditLoss([c.exposure], c.options).exposures;
      expect(result!.twelveMonth).toBeCloseTo(c.twelveMonth, 8);
      expect(result!.lifetime).toBeCloseTo(c.lifetime, 8);
    }
  });

  it('needs a PD term structure, naming the exposure', () => {
    expect(() => expectedCreditLoss([{ ...base, annualPd: undefined }])).toThrowError(
      /exposures\[0\]\.pdTermStructure \(id "a"\): is required/,
    );
    expect(() => expectedCreditLoss([{ ...base, annualPd: undefined, pdTermStructure: { cumulative: [0.1, 0.05] } }])).toThrowError(
      /must not decrease/,
    );
  });
});

describe('PD term structures', () => {
  it('interpolate survival geometrically and extrapolate the last hazard', () => {
    const structure = { cumulative: [0.1, 0.19] };
    expect(survival(structure, 0.5)).toBeCloseTo(Math.sqrt(0.9), 15);
    expect(survival(structure, 3)).toBeCloseTo(0.81 * 0.9, 15);
    expect(flatTermStructure(0.1, 3).cumulative[2]).toBeCloseTo(1 - 0.9 ** 3, 15);
  });

  it('come from migration matrix powers (numpy matrix_power reference)', () => {
    const f = fixture<{ migration: { matrix: number[][]; cumulative: number[][] } }>('ifrs9.json');
    const structures = termStructuresFromMigration(f.migration.matrix, 5);
    structures.forEach((structure, grade) =>
      structure.cumulative.forEach((pd, t) => expect(pd).toBeCloseTo(f.migration.cumulative[grade]![t]!, 14)),
    );
    expect(() =>
      termStructuresFromMigration(
        [
          [0.5, 0.4],
          [0, 1],
        ],
        2,
      ),
    ).toThrowError(/matrix\[0\]: must sum to 1/);
  });
});
