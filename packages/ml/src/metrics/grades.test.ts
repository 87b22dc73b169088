import { describe, expect, it } from 'vitest';
import { expectClose, expectRowsClose, loadFixture } from './fixtures.test-support.ts';
import { calibrationByGrade, DEFAULT_MASTER_SCALE, type GradeRow } from './grades.ts';

const ref = loadFixture('portfolio');

function expectGradesClose(actual: GradeRow[], expected: GradeRow[]): void {
  expectRowsClose(actual, expected);
  actual.forEach((r, i) => {
    const e = expected[i]!;
    expect([r.grade, r.maxPd, r.binomial.reject, r.jeffreys.reject]).toEqual([e.grade, e.maxPd, e.binomial.reject, e.jeffreys.reject]);
    expectClose(r.binomial.pValue, e.binomial.pValue, 1e-10);
    expectClose(r.jeffreys.pValue, e.jeffreys.pValue, 1e-10);
  });
}

describe('calibrationByGrade', () => {
  it('matches the reference table and per-grade scipy tests on the default master scale', () => {
    expectGradesClose(calibrationByGrade(ref.labels, ref.pdB), ref.grades.pdB);
    expectGradesClose(calibrationByGrade(ref.labels, ref.pdB, DEFAULT_MASTER_SCALE, 0.01), ref.grades.pdBAlpha01);
  });

  it('the default scale runs from the 0.03% floor to 100% in 10 rising grades', () => {
    expect(DEFAULT_MASTER_SCALE).toHaveLength(10);
    expect(DEFAULT_MASTER_SCALE[0]!.maxPd).toBe(0.0003);
    expect(DEFAULT_MASTER_SCALE[9]!.maxPd).toBe(1);
  });

  it('uses a custom scale, bounds inclusive, and leaves out empty grades', () => {
    const scale = [
      { grade: 'low', maxPd: 0.1 },
      { grade: 'mid', maxPd: 0.5 },
      { grade: 'high', maxPd: 1 },
    ];
    const rows = calibrationByGrade([0, 1, 0, 1], [0.1, 0.1, 0.9, 0.95], scale);
    expect(rows.map((r) => [r.grade, r.count, r.defaults])).toEqual([
      ['low', 2, 1],
      ['high', 2, 1],
    ]);
  });

  it('rejects a malformed scale or a PD above the top grade', () => {
    expect(() => calibrationByGrade([0], [0.1], [])).toThrow(/scale must be a non-empty array/);
    expect(() =>
      calibrationByGrade(
        [0],
        [0.1],
        [
          { grade: 'a', maxPd: 0.5 },
          { grade: 'b', maxPd: 0.2 },
        ],
      ),
    ).toThrow(/scale\[1\].maxPd must be above scale\[0\].maxPd/);
    expect(() => calibrationByGrade([0, 1], [0.1, 0.7], [{ grade: 'a', maxPd: 0.5 }])).toThrow(
      /pd\[1\] = 0.7 is above the top grade's maxPd 0.5/,
    );
  });
});
