// One-sided tests of a grade's PD against its observed defaults (H0: the true PD is at most
// pd; reject when there are too many defaults).
import { betaCdf, binomialUpperTail } from './distributions.ts';
import { checkCount, checkProbabilityArg } from './validate.ts';

export interface TestOutcome {
  pValue: number;
  /** pValue < alpha */
  reject: boolean;
}

function checkTestArgs(defaults: number, count: number, pd: number, alpha: number): void {
  checkCount('count', count, 1);
  checkCount('defaults', defaults, 0);
  if (defaults > count) {
    throw new RangeError(`defaults (${defaults}) must not exceed count (${count})`);
  }
  checkProbabilityArg('pd', pd);
  checkProbabilityArg('alpha', alpha, true);
}

/** Exact binomial test: p-value = P(X >= defaults) for X ~ Binomial(count, pd). */
export function binomialTest(defaults: number, count: number, pd: number, alpha = 0.05): TestOutcome {
  checkTestArgs(defaults, count, pd, alpha);
  const pValue = binomialUpperTail(defaults, count, pd);
  return { pValue, reject: pValue < alpha };
}

/**
 * Jeffreys test as in the ECB's instructions for reporting the validation results of internal
 * models: p-value = CDF at pd of the Beta(D + 1/2, N - D + 1/2) posterior of the default rate.
 */
export function jeffreysTest(defaults: number, count: number, pd: number, alpha = 0.05): TestOutcome {
  checkTestArgs(defaults, count, pd, alpha);
  const pValue = betaCdf(pd, defaults + 0.5, count - defaults + 0.5);
  return { pValue, reject: pValue < alpha };
}
