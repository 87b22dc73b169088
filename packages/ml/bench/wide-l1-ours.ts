/**
 * Child process of the wide L1 benchmark (our side): loads the shared data file into a column design,
 * fits L1 logistic regression at lambda = 1 / C by coordinate descent, and prints seconds, peak
 * resident memory and the solution's figures as JSON. A process of its own, so its peak memory is
 * exactly ours (data, solver and Node.js).
 * Usage: tsx bench/wide-l1-ours.ts DIR C REPEATS [--penalise-intercept]
 */
import { fitCoordinateDescent } from '../src/logistic/coordinate-descent.ts';
import { makePenalty } from '../src/logistic/penalty.ts';
import { loadWideColumns } from './wide-data.ts';

const [dir, cText, repeatsText] = process.argv.slice(2);
if (!dir || !cText) throw new Error('usage: wide-l1-ours.ts DIR C REPEATS [--penalise-intercept]');
const C = Number(cText);
const repeats = Number(repeatsText ?? 1);
const penalizeIntercept = process.argv.includes('--penalise-intercept');

let started = performance.now();
const { design, labels } = loadWideColumns(dir);
const loadSeconds = (performance.now() - started) / 1000;
const seconds: number[] = [];
let fit!: Awaited<ReturnType<typeof fitCoordinateDescent>>;
for (let r = 0; r < repeats; r++) {
  started = performance.now();
  fit = await fitCoordinateDescent(design, labels, { lambda: 1 / C, penalty: makePenalty('l1'), penalizeIntercept });
  seconds.push((performance.now() - started) / 1000);
}
const selected = [...fit.coef.keys()].filter((j) => fit.coef[j] !== 0);
let l1 = 0;
for (const c of fit.coef) l1 += Math.abs(c);
const loss = -fit.logLikelihood;
process.stdout.write(
  `${JSON.stringify({
    C,
    lambda: 1 / C,
    penalizeIntercept,
    loadSeconds,
    seconds: [...seconds].sort((a, b) => a - b)[Math.floor(seconds.length / 2)],
    allSeconds: seconds,
    iterations: fit.iterations,
    passes: fit.passes,
    workingSet: fit.workingSet,
    converged: fit.converged,
    gradientNorm: fit.gradientNorm,
    peakRssMegabytes: process.resourceUsage().maxRSS / 1024,
    selected,
    intercept: fit.intercept,
    loss,
    objectiveInterceptFree: loss + l1 / C,
    objectiveInterceptPenalised: loss + (l1 + Math.abs(fit.intercept)) / C,
  })}\n`,
);
