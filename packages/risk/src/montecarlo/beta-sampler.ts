/**
 * Beta-distributed LGDs drawn only from a scenario's own random stream. (@stdlib's beta sampler,
 * given an external uniform source, still seeds an internal Mersenne Twister once for its normal
 * variates, which would make a scenario depend on the scenarios simulated before it in the same
 * thread and break chunk independence.) Beta(a, b) = X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b);
 * gammas by Marsaglia and Tsang (2000), with Gamma(a) = Gamma(a + 1) U^(1/a) for a < 1; normals by
 * Box-Muller. All exact; tested against @stdlib's beta cdf.
 */
import type { ScenarioRandom } from './rng.ts';

function standardNormal(random: ScenarioRandom): number {
  return Math.sqrt(-2 * Math.log(random.uniform53())) * Math.cos(2 * Math.PI * random.uniform53());
}

export function gammaSample(random: ScenarioRandom, shape: number): number {
  if (shape < 1) return gammaSample(random, shape + 1) * random.uniform53() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random.uniform53();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function betaSample(random: ScenarioRandom, alpha: number, beta: number): number {
  const x = gammaSample(random, alpha);
  const y = gammaSample(random, beta);
  return x / (x + y);
}
