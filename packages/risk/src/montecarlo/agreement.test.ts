/**
 * The Monte Carlo against closed forms: Vasicek (large homogeneous portfolio), the exact binomial
 * mixture of a finite homogeneous portfolio (scipy), and the exact EL and UL of a multi-factor
 * portfolio with stochastic LGDs. Agreement means within 3 reported standard errors.
 */
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/support/fixtures.ts';
import { homogeneous } from '../../test/support/portfolios.ts';
import { unexpectedLoss } from '../loss/unexpected-loss.ts';
import { vasicek } from '../vasicek/vasicek.ts';
import { planSimulation } from './plan.ts';
import { runSimulation } from './run.ts';

function within(actual: number, expected: number, standardError: number, slack = 0) {
  expect(Math.abs(actual - expected), `${actual} vs ${expected} (SE ${standardError})`).toBeLessThanOrEqual(3 * standardError + slack);
}

describe('Monte Carlo agreement with closed forms', () => {
  it('matches Vasicek quantiles and ES for 10,000 homogeneous obligors (to 0.5% relative error)', () => {
    const n = 10000;
    const plan = planSimulation(homogeneous(n, 0.01, 0.15), { seed: 11 });
    const result = runSimulation(plan, { targetRelativeError: 0.005, maxScenarios: 400_000, contributions: false, histogram: null });
    expect(result.converged).toBe(true);
    const limit = vasicek({ pd: 0.01, rho: 0.15, ead: n });
    for (const level of result.levels) {
      // Granularity makes the finite portfolio's VaR about 0.3% larger than the limit here: far below 3 SE.
      within(level.valueAtRisk.value, limit.quantile(level.level), level.valueAtRisk.standardError, 1);
      within(level.expectedShortfall.value, limit.expectedShortfall(level.level), level.expectedShortfall.standardError);
    }
    within(result.expectedLoss.value, 0.01 * n, result.expectedLoss.standardError);
  });

  it('matches the exact loss distribution of finite homogeneous portfolios (binomial mixture by quadrature)', () => {
    const { cases } = fixture<{
      cases: { n: number; pd: number; rho: number; levels: Record<string, { valueAtRisk: number; expectedShortfall: number }> }[];
    }>('finite-homogeneous.json');
    for (const c of cases) {
      const plan = planSimulation(homogeneous(c.n, c.pd, c.rho), { seed: 5 });
      const result = runSimulation(plan, { targetRelativeError: 0.005, maxScenarios: 400_000, contributions: false, histogram: null });
      for (const level of result.levels) {
        const exact = c.levels[String(level.level)]!;
        // VaR lives on the integers: allow one default of lattice error on top of 3 SE.
        within(level.valueAtRisk.value, exact.valueAtRisk, level.valueAtRisk.standardError, 1);
        within(level.expectedShortfall.value, exact.expectedShortfall, level.expectedShortfall.standardError);
      }
    }
  });

  it('matches the exact EL and UL of a multi-factor portfolio with stochastic LGDs, PD 0 and PD 1 obligors', () => {
    const f = fixture<{ factorModel: unknown; exposures: unknown[]; expectedLoss: number; unexpectedLoss: number }>('loss-variance.json');
    expect(unexpectedLoss(f.exposures, f.factorModel).unexpectedLoss).toBeCloseTo(f.unexpectedLoss, 9);
    for (const importanceSampling of [true, false]) {
      const plan = planSimulation({ exposures: f.exposures, factorModel: f.factorModel }, { seed: 3, importanceSampling });
      expect(plan.expectedLoss).toBeCloseTo(f.expectedLoss, 9);
      const result = runSimulation(plan, { fixedScenarios: 60000, contributions: false, histogram: null });
      within(result.expectedLoss.value, f.expectedLoss, result.expectedLoss.standardError);
      within(result.unexpectedLoss.value, f.unexpectedLoss, result.unexpectedLoss.standardError);
    }
  });
});
