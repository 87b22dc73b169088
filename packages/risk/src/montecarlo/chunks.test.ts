/** Reproducibility, exact merging of chunks, contributions that add up, honest standard errors. */
import { describe, expect, it } from 'vitest';
import { mixed } from '../../test/support/portfolios.ts';
import { simulateChunk } from './chunk.ts';
import { chunkLosses, contributionChunk, contributionThresholds, mergeContributions } from './contributions.ts';
import { estimateRisk } from './estimators.ts';
import { mergeChunks } from './merge.ts';
import { planSimulation } from './plan.ts';
import { runSimulation } from './run.ts';
import { topContributors } from './result.ts';

const portfolio = mixed(600);

describe('chunks', () => {
  it('depend only on the seed and the scenario index: any chunk size gives the same scenarios', () => {
    const big = planSimulation(portfolio, { seed: 9, chunkSize: 400 });
    const small = planSimulation(portfolio, { seed: 9, chunkSize: 100 });
    const a = mergeChunks(big, [simulateChunk(big, 0)]);
    const b = mergeChunks(
      small,
      [0, 1, 2, 3].map((i) => simulateChunk(small, i)),
    );
    expect(Array.from(b.losses)).toEqual(Array.from(a.losses));
    expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
    expect(Array.from(simulateChunk(big, 0).losses)).toEqual(Array.from(a.losses));
    const other = planSimulation(portfolio, { seed: 10, chunkSize: 400 });
    expect(Array.from(simulateChunk(other, 0).losses)).not.toEqual(Array.from(a.losses));
  });

  it('do not depend on what the thread simulated before, stochastic LGDs included', () => {
    const withLgd = {
      ...portfolio,
      exposures: portfolio.exposures.map((exposure, i) => (i % 2 ? { ...exposure, lgdSd: 0.15 } : exposure)),
    };
    const plan = planSimulation(withLgd, { seed: 5, chunkSize: 200 });
    simulateChunk(plan, 0);
    const afterOther = simulateChunk(plan, 3);
    const alone = simulateChunk(planSimulation(withLgd, { seed: 5, chunkSize: 200 }), 3);
    expect(afterOther.losses).toEqual(alone.losses);
    const result = runSimulation(plan, { fixedScenarios: 2000 });
    const level = result.levels[1]!;
    const total = level.contributionsByObligor!.contribution.reduce((sum, x) => sum + x, 0);
    expect(Math.abs(total - level.expectedShortfall.value) / level.expectedShortfall.value).toBeLessThan(1e-12);
  });

  it('merge to the same sample in any order, and refuse gaps, repeats and other plans', () => {
    const plan = planSimulation(portfolio, { seed: 2, chunkSize: 200 });
    const chunks = [0, 1, 2, 3, 4].map((i) => simulateChunk(plan, i));
    const forward = mergeChunks(plan, chunks);
    const shuffled = mergeChunks(plan, [chunks[3]!, chunks[0]!, chunks[4]!, chunks[2]!, chunks[1]!]);
    expect(shuffled.losses).toEqual(forward.losses);
    expect(shuffled.sectorLosses).toEqual(forward.sectorLosses);
    expect(estimateRisk(plan, shuffled)).toEqual(estimateRisk(plan, forward));
    expect(() => mergeChunks(plan, [chunks[0]!, chunks[2]!])).toThrowError('chunk 1 is missing');
    expect(() => mergeChunks(plan, [chunks[0]!, chunks[0]!])).toThrowError('chunk 0 appears twice');
    const other = planSimulation(mixed(600, 2), { seed: 2, chunkSize: 200 });
    expect(other.fingerprint).not.toBe(plan.fingerprint);
    expect(() => mergeChunks(other, chunks)).toThrowError(/belongs to another plan/);
  });

  it('reject bad options, naming them', () => {
    expect(() => planSimulation(portfolio, { levels: [0.99, 1] })).toThrowError(/options\.levels\[1\]: must be in \(0, 1\), got 1/);
    expect(() => planSimulation(portfolio, { levels: [0.99, 0.99] })).toThrowError(/options\.levels: must not repeat a level/);
    expect(() => planSimulation(portfolio, { seed: 1.5 })).toThrowError(/options\.seed: must be an integer/);
    expect(() => runSimulation(planSimulation(portfolio), { targetRelativeError: -1 })).toThrowError(/runOptions\.targetRelativeError/);
  });

  it('plans deterministically: same inputs, same fingerprint', () => {
    expect(planSimulation(portfolio, { seed: 4 }).fingerprint).toBe(planSimulation(structuredClone(portfolio), { seed: 4 }).fingerprint);
    expect(planSimulation(portfolio, { seed: 4 }).fingerprint).not.toBe(planSimulation(portfolio, { seed: 5 }).fingerprint);
  });
});

describe('contributions', () => {
  const plan = planSimulation(portfolio, { seed: 1, chunkSize: 500 });
  const result = runSimulation(plan, { fixedScenarios: 4000 });

  it('add up to ES per obligor and per sector, and obligors add up to their sector', () => {
    for (const level of result.levels) {
      const es = level.expectedShortfall.value;
      const byObligor = level.contributionsByObligor!.contribution;
      const obligorTotal = byObligor.reduce((sum, x) => sum + x, 0);
      const sectorTotal = Object.values(level.contributionsBySector).reduce((sum, x) => sum + x, 0);
      expect(Math.abs(obligorTotal - es) / es).toBeLessThan(1e-12);
      expect(Math.abs(sectorTotal - es) / es).toBeLessThan(1e-12);
      const bySector: Record<string, number> = {};
      result.obligorIds.forEach((id, i) => {
        const sector = portfolio.exposures.find((exposure) => exposure.id === id)!.sector;
        bySector[sector] = (bySector[sector] ?? 0) + byObligor[i]!;
      });
      for (const [sector, value] of Object.entries(bySector)) expect(value / level.contributionsBySector[sector]!).toBeCloseTo(1, 10);
      expect(level.contributionsByObligor!.standardError.every((se) => se >= 0 && Number.isFinite(se))).toBe(true);
    }
  });

  it('merge the same whichever order the second-pass chunks come back in', () => {
    const sample = mergeChunks(
      plan,
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => simulateChunk(plan, i)),
    );
    const risk = estimateRisk(plan, sample);
    const thresholds = contributionThresholds(risk);
    const parts = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => contributionChunk(plan, thresholds, i, chunkLosses(plan, sample, i)));
    const forward = mergeContributions(plan, thresholds, parts);
    const backward = mergeContributions(plan, thresholds, [...parts].reverse());
    expect(backward[1]!.contribution).toEqual(forward[1]!.contribution);
    expect(forward[1]!.contribution).toEqual(result.levels[1]!.contributionsByObligor!.contribution);
    expect(() => contributionChunk(plan, thresholds, 0, chunkLosses(plan, sample, 1))).toThrowError(/did not reproduce/);
  });

  it('rank the top contributors', () => {
    const top = topContributors(result, 0.999, 5);
    expect(top).toHaveLength(5);
    expect(top[0]!.contribution).toBeGreaterThanOrEqual(top[4]!.contribution);
    expect(top[0]!.share).toBeGreaterThan(0);
  });
});

describe('estimates', () => {
  it('report standard errors that match the spread of estimates across independent seeds', () => {
    const seeds = 24;
    const es: number[] = [];
    const value: number[] = [];
    const reportedEs: number[] = [];
    const reportedVar: number[] = [];
    for (let seed = 100; seed < 100 + seeds; seed++) {
      const plan = planSimulation(mixed(300), { seed, chunkSize: 1500 });
      const level = runSimulation(plan, { fixedScenarios: 1500, contributions: false, histogram: null }).levels[1]!;
      es.push(level.expectedShortfall.value);
      value.push(level.valueAtRisk.value);
      reportedEs.push(level.expectedShortfall.standardError);
      reportedVar.push(level.valueAtRisk.standardError);
    }
    const sd = (x: number[]) => {
      const m = x.reduce((a, b) => a + b, 0) / x.length;
      return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
    };
    const rms = (x: number[]) => Math.sqrt(x.reduce((a, b) => a + b * b, 0) / x.length);
    // With 24 seeds the empirical sd itself is uncertain by about 15%; allow a factor 1.6.
    expect(sd(es) / rms(reportedEs)).toBeGreaterThan(1 / 1.6);
    expect(sd(es) / rms(reportedEs)).toBeLessThan(1.6);
    expect(sd(value) / rms(reportedVar)).toBeGreaterThan(1 / 1.6);
    expect(sd(value) / rms(reportedVar)).toBeLessThan(1.6);
  });

  it('give a histogram whose probabilities add up to about 1 and whose exceedance curve falls', () => {
    const plan = planSimulation(portfolio, { seed: 8, chunkSize: 1000 });
    const { histogram, levels } = runSimulation(plan, { fixedScenarios: 4000, contributions: false, histogram: { bins: 40 } });
    const total = histogram!.probability.reduce((sum, p) => sum + p, 0);
    const error = Math.sqrt(histogram!.standardError.reduce((sum, se) => sum + se * se, 0));
    expect(Math.abs(total - 1)).toBeLessThan(4 * error + 1e-12);
    for (let k = 1; k < 40; k++) expect(histogram!.exceedance[k]!).toBeLessThanOrEqual(histogram!.exceedance[k - 1]!);
    // The exceedance at the bin edge just below VaR 99% is at least 1%, within error.
    const edge = histogram!.edges.findLastIndex((x) => x < levels[0]!.valueAtRisk.value);
    expect(histogram!.exceedance[edge]!).toBeGreaterThan(0.009);
  });

  it('stop at the target relative error and say so', () => {
    const plan = planSimulation(portfolio, { seed: 6, chunkSize: 500 });
    const result = runSimulation(plan, { targetRelativeError: 0.02, minScenarios: 1000, contributions: false });
    expect(result.converged).toBe(true);
    for (const level of result.levels)
      expect(Math.max(level.valueAtRisk.relativeError, level.expectedShortfall.relativeError)).toBeLessThanOrEqual(0.02);
    const capped = runSimulation(plan, { targetRelativeError: 0.0001, maxScenarios: 1000, contributions: false });
    expect(capped.converged).toBe(false);
    expect(capped.scenarios).toBe(1000);
  });

  it('do not stop before every level has enough scenarios beyond its VaR', () => {
    const plan = planSimulation(mixed(100), { seed: 2, importanceSampling: false, levels: [0.95], chunkSize: 100 });
    const result = runSimulation(plan, {
      targetRelativeError: 10,
      minScenarios: 100,
      minTailScenarios: 100,
      contributions: false,
      histogram: null,
    });
    expect(result.converged).toBe(true);
    expect(result.levels[0]!.tailScenarios).toBeGreaterThanOrEqual(100);
    expect(result.scenarios).toBeGreaterThan(1500);
  });

  it('converge on degenerate portfolios: nothing can default, one obligor, no exposure', () => {
    const factorModel = portfolio.factorModel;
    for (const exposures of [
      [{ id: 'x', sector: 'a', ead: 10, pd: 0, lgd: 0.5 }],
      [{ id: 'x', sector: 'a', ead: 10, pd: 0.05, lgd: 0.5 }],
      [{ id: 'x', sector: 'a', ead: 0, pd: 0.05, lgd: 0.5 }],
      [],
    ]) {
      const result = runSimulation(planSimulation({ exposures, factorModel }), { maxScenarios: 20000 });
      expect(result.converged, JSON.stringify(exposures)).toBe(true);
      for (const level of result.levels) expect(Number.isFinite(level.expectedShortfall.value)).toBe(true);
    }
  });

  it('lose the full amount of PD-1 obligors in every scenario', () => {
    const exposures = [...portfolio.exposures.slice(0, 50), { id: 'dead', sector: 'a', ead: 1000, pd: 1, lgd: 0.5 }];
    const plan = planSimulation({ exposures, factorModel: portfolio.factorModel }, { chunkSize: 200 });
    const chunk = simulateChunk(plan, 0);
    expect(Math.min(...chunk.losses)).toBeGreaterThanOrEqual(500);
  });
});

describe('serialised chunks', () => {
  it('round-trip through JSON bit for bit', async () => {
    const { encodeChunk, decodeChunk } = await import('./serialize.ts');
    const plan = planSimulation(portfolio, { seed: 3, chunkSize: 100 });
    const chunk = simulateChunk(plan, 2);
    const back = decodeChunk(JSON.parse(JSON.stringify(encodeChunk(chunk))));
    expect(back).toEqual(chunk);
    expect(mergeChunks(plan, [simulateChunk(plan, 0), simulateChunk(plan, 1), back]).losses.subarray(200)).toEqual(chunk.losses);
  });
});
