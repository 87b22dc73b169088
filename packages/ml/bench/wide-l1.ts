/**
 * The wide L1 benchmark (`npm run bench -w @probity/ml -- --only wide`): 200,000 x 2,000 float32
 * (50 informative columns), L1 logistic regression at one fixed penalty, ours next to scikit-learn's
 * LogisticRegression(penalty="l1", solver="saga") and solver="liblinear" at the same C, on the same
 * data file, in the same run. Heavy (liblinear alone peaks near 14 GB), so it runs only when asked.
 *
 * The data are generated once into bench/data/ (gitignored) by bench/wide_l1_bench.py and read by
 * both sides from that file; each side runs in a process of its own, so each peak memory is its own.
 *
 * What is compared. scikit-learn minimises C * sum(loss) + ||w||_1; ours sum(loss) + lambda ||w||_1
 * with lambda = 1 / C exactly (same optimum). saga leaves the intercept unpenalised, as ours does by
 * default; liblinear penalises it like a coefficient (its constant column, intercept_scaling = 1), so
 * our solver is run a second time with the intercept penalised for the liblinear comparison. Each
 * objective is computed by its own side on the same float32 data; the relative difference is
 * (ours - theirs) / theirs, negative when ours is lower.
 *
 * Options: --wide-rows N --wide-columns N (a smaller problem for development), --c C (default 0.01),
 * --render (rewrite the markdown from the last results file, no fits),
 * --repeats N (our fits; scikit-learn's run once each unless --wide-sklearn-repeats), --force
 * (run liblinear even when less than 16 GB is available).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYTHON } from './python.ts';
import { readWideMeta } from './wide-data.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SCRIPT = join(HERE, 'wide_l1_bench.py');
const SEED = 20241130;
const GENERATOR = 'beta(1,8) ratios v1';
const LIBLINEAR_NEEDS_BYTES = 16e9;

/** What both sides report for one fit (wide-l1-ours.ts and wide_l1_bench.py `fit` print these, and more). */
interface Fit {
  seconds: number;
  allSeconds?: number[];
  iterations: number;
  converged: boolean;
  peakRssMegabytes: number;
  selected: number[];
  objectiveInterceptFree: number;
  objectiveInterceptPenalised: number;
}
type OurFit = Fit & { loadSeconds: number; allSeconds: number[] };

/** The results file (results/wide-l1.json) and what renderWide shows of it. */
interface WideResults {
  generatedAt: string;
  command: string;
  machine: { node: string; cpu: string; cores: number; memoryGigabytes: number; loadAverageAtStart: number[] };
  problem: {
    rows: number;
    columns: number;
    informative: number;
    defaultRate: number;
    dataBytes: number;
    C: number;
    lambda: number;
    data: string;
  };
  ours: OurFit & { informativeSelected: number };
  oursInterceptPenalised: OurFit;
  saga: Fit;
  liblinear: Fit | null;
  liblinearSkipped: string | null;
  comparison: { timeRatio: number; peakMemoryRatio: number; saga: Comparison; liblinear: Comparison | null };
  targets: { timeRatio: number; peakMemoryRatio: number; jaccard: number; objectiveRelative: number };
  loadAverageAtEnd: number[];
}
interface Comparison {
  jaccard: number;
  oursSelected: number;
  theirsSelected: number;
  objectiveOurs: number;
  objectiveTheirs: number;
  objectiveRelativeDifference: number;
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Runs a child process and returns the JSON of its last output line. */
function child<T>(command: string, argv: string[]): T {
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed: ${result.stderr || result.error?.message}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as T;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function jaccard(a: number[], b: number[]): number {
  const left = new Set(a);
  const right = new Set(b);
  let both = 0;
  for (const x of left) if (right.has(x)) both++;
  const union = left.size + right.size - both;
  return union === 0 ? 1 : both / union;
}

/** The data directory, generated when missing (or made by another generator version). */
function ensureData(rows: number, columns: number, log: (line: string) => void): string {
  const dir = join(HERE, 'data', `wide-${rows}x${columns}-s${SEED}`);
  const fresh = existsSync(join(dir, 'meta.json')) && readWideMeta(dir).generator === GENERATOR;
  if (!fresh) {
    log(`wide: generating ${rows} x ${columns} float32 into ${dir}`);
    child<unknown>(PYTHON, [SCRIPT, 'generate', dir, String(rows), String(columns), '50', String(SEED)]);
  }
  return dir;
}

function sklearnFit(dir: string, solver: 'saga' | 'liblinear', C: number, repeats: number, log: (line: string) => void): Fit {
  const runs: Fit[] = [];
  for (let r = 0; r < repeats; r++) {
    runs.push(child<Fit>(PYTHON, [SCRIPT, 'fit', dir, solver, String(C)]));
    log(`  scikit-learn ${solver}: ${runs[r]!.seconds.toFixed(1)} s, peak ${Math.round(runs[r]!.peakRssMegabytes)} MB`);
  }
  const last = runs[runs.length - 1]!;
  return { ...last, seconds: median(runs.map((x) => x.seconds)), allSeconds: runs.map((x) => x.seconds) };
}

/** Writes the results file, its markdown and the README block. */
function publish(results: WideResults, log: (line: string) => void): WideResults & { markdown: string } {
  const markdown = renderWide(results);
  const out = join(HERE, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'wide-l1.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(out, 'wide-l1.md'), markdown);
  const readme = join(HERE, '..', 'README.md');
  writeFileSync(readme, updateWideReadme(readFileSync(readme, 'utf8'), markdown));
  log(`wide: wrote ${join(out, 'wide-l1.json')}, wide-l1.md and the README figures`);
  return { ...results, markdown };
}

export async function runWideBench(args: string[], log: (line: string) => void): Promise<WideResults & { markdown: string }> {
  // --render: the markdown again from the last results (after a change to how they are shown), no fits.
  if (args.includes('--render'))
    return publish(JSON.parse(readFileSync(join(HERE, 'results', 'wide-l1.json'), 'utf8')) as WideResults, log);
  const rows = Number(argValue(args, '--wide-rows') ?? 200_000);
  const columns = Number(argValue(args, '--wide-columns') ?? 2_000);
  const C = Number(argValue(args, '--c') ?? 0.01);
  const repeats = Number(argValue(args, '--repeats') ?? 3);
  const sklearnRepeats = Number(argValue(args, '--wide-sklearn-repeats') ?? 1);
  const dir = ensureData(rows, columns, log);
  const meta = readWideMeta(dir);
  const dataBytes = rows * columns * 4;
  const tsx = ['--import', 'tsx', join(HERE, 'wide-l1-ours.ts'), dir, String(C), String(repeats)];

  log(`wide: ours, L1 at lambda = 1/C = ${1 / C}, ${repeats} fit(s), intercept unpenalised (saga's convention)`);
  const ours = child<OurFit>(process.execPath, tsx);
  log(`  ours: ${ours.seconds.toFixed(1)} s (load ${ours.loadSeconds.toFixed(1)} s), peak ${Math.round(ours.peakRssMegabytes)} MB`);
  log('wide: ours again with the intercept penalised (liblinear convention)');
  const oursPenalised = child<OurFit>(process.execPath, [...tsx, '--penalise-intercept']);
  log(`  ours: ${oursPenalised.seconds.toFixed(1)} s`);

  log(`wide: scikit-learn saga at C = ${C}`);
  const saga = sklearnFit(dir, 'saga', C, sklearnRepeats, log);
  const available = freemem();
  let liblinear: Fit | null = null;
  let liblinearSkipped: string | null = null;
  if (available >= LIBLINEAR_NEEDS_BYTES || args.includes('--force')) {
    log(`wide: scikit-learn liblinear at C = ${C}`);
    liblinear = sklearnFit(dir, 'liblinear', C, sklearnRepeats, log);
  } else {
    liblinearSkipped = `only ${(available / 1e9).toFixed(1)} GB available; liblinear needs about 14 GB (--force runs it anyway)`;
    log(`wide: skipping liblinear: ${liblinearSkipped}`);
  }

  const fastest = Math.min(saga.seconds, liblinear?.seconds ?? Number.POSITIVE_INFINITY);
  const compare = (mine: Fit, theirs: Fit, objective: 'objectiveInterceptFree' | 'objectiveInterceptPenalised'): Comparison => ({
    jaccard: jaccard(mine.selected, theirs.selected),
    oursSelected: mine.selected.length,
    theirsSelected: theirs.selected.length,
    objectiveOurs: mine[objective],
    objectiveTheirs: theirs[objective],
    objectiveRelativeDifference: (mine[objective] - theirs[objective]) / Math.abs(theirs[objective]),
  });
  const informative = new Set(meta.informative);
  const results: WideResults = {
    generatedAt: new Date().toISOString(),
    command: 'npm run bench -w @probity/ml -- --only wide',
    machine: {
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: availableParallelism(),
      memoryGigabytes: totalmem() / 1e9,
      loadAverageAtStart: loadavg(),
    },
    problem: {
      rows,
      columns,
      informative: meta.informative.length,
      defaultRate: meta.defaultRate,
      dataBytes,
      C,
      lambda: 1 / C,
      data: `synthetic bureau-style ratios, Beta(1, 8) float32, ${meta.informative.length} informative columns (${GENERATOR}, seed ${SEED}); one file read by both sides`,
    },
    ours: { ...ours, informativeSelected: ours.selected.filter((j) => informative.has(j)).length },
    oursInterceptPenalised: oursPenalised,
    saga,
    liblinear,
    liblinearSkipped,
    comparison: {
      timeRatio: ours.seconds / fastest,
      peakMemoryRatio: (ours.peakRssMegabytes * 1024 * 1024) / dataBytes,
      saga: compare(ours, saga, 'objectiveInterceptFree'),
      liblinear: liblinear ? compare(oursPenalised, liblinear, 'objectiveInterceptPenalised') : null,
    },
    targets: { timeRatio: 1.0, peakMemoryRatio: 2.0, jaccard: 0.9, objectiveRelative: 1e-4 },
    loadAverageAtEnd: loadavg(),
  };
  return publish(results, log);
}

const START = '<!-- bench-wide:start -->';
const END = '<!-- bench-wide:end -->';

export function updateWideReadme(readme: string, markdown: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return `${readme.trimEnd()}\n\n${START}\n${markdown}${END}\n`;
  return `${readme.slice(0, start + START.length)}\n${markdown}${readme.slice(end)}`;
}

const s1 = (x: number) => x.toFixed(1);
const met = (ok: boolean) => (ok ? 'met' : 'not met');
/** Within the tolerance either way, or lower than theirs (nearer the optimum: they stopped early). */
const objectiveVerdict = (difference: number, tolerance: number) =>
  Math.abs(difference) <= tolerance ? 'met' : difference < 0 ? 'met: ours is lower, theirs stopped short of the optimum' : 'not met';
const sci = (x: number) => (x === 0 ? '0' : x.toExponential(1));

function renderWide(r: WideResults): string {
  const m = r.machine;
  const c = r.comparison;
  const t = r.targets;
  const gb = (mb: number) => `${((mb * 1024 * 1024) / 1e9).toFixed(2)} GB`;
  const lines = [
    `Measured ${r.generatedAt} with \`${r.command}\` on ${m.cpu}, ${m.cores} cores, ${m.memoryGigabytes.toFixed(0)} GB, Node.js ${m.node}; load average at start ${m.loadAverageAtStart.map((x) => x.toFixed(2)).join(' / ')} (a shared machine: the ratio of one run is what to read).`,
    '',
    `**Wide L1 logistic**: ${r.problem.rows.toLocaleString('en-US')} x ${r.problem.columns.toLocaleString('en-US')} float32 (${(r.problem.dataBytes / 1e9).toFixed(1)} GB), ${r.problem.informative} informative columns, default rate ${(100 * r.problem.defaultRate).toFixed(1)}%, C = ${r.problem.C} (our lambda = 1/C = ${r.problem.lambda})`,
    '',
    '| | ours (coordinate descent) | scikit-learn saga | scikit-learn liblinear |',
    '| --- | --- | --- | --- |',
    `| fit seconds | ${s1(r.ours.seconds)} (median of ${r.ours.allSeconds.length}; intercept penalised: ${s1(r.oursInterceptPenalised.seconds)}) | ${s1(r.saga.seconds)}${r.saga.converged ? '' : ` (stopped at max_iter=${r.saga.iterations}, not converged)`} | ${r.liblinear ? `${s1(r.liblinear.seconds)}${r.liblinear.converged ? '' : ' (not converged)'}` : `not run: ${r.liblinearSkipped}`} |`,
    `| peak memory | ${gb(r.ours.peakRssMegabytes)} | ${gb(r.saga.peakRssMegabytes)} | ${r.liblinear ? gb(r.liblinear.peakRssMegabytes) : '-'} |`,
    `| columns selected | ${r.ours.selected.length} (${r.ours.informativeSelected} informative); intercept penalised: ${r.oursInterceptPenalised.selected.length} | ${r.saga.selected.length} | ${r.liblinear ? r.liblinear.selected.length : '-'} |`,
    `| penalised objective | ${c.saga.objectiveOurs.toFixed(4)} (intercept free); ${r.oursInterceptPenalised.objectiveInterceptPenalised.toFixed(4)} (penalised) | ${c.saga.objectiveTheirs.toFixed(4)} (intercept free) | ${c.liblinear ? `${c.liblinear.objectiveTheirs.toFixed(4)} (penalised)` : '-'} |`,
    '',
    `Targets: time ${c.timeRatio.toFixed(2)}x the faster scikit-learn solver (<= ${t.timeRatio}: ${met(c.timeRatio <= t.timeRatio)}); peak memory ${c.peakMemoryRatio.toFixed(2)}x the data's float32 size (<= ${t.peakMemoryRatio}: ${met(c.peakMemoryRatio <= t.peakMemoryRatio)}); ` +
      `same features as saga: Jaccard ${c.saga.jaccard.toFixed(3)} (>= ${t.jaccard}: ${met(c.saga.jaccard >= t.jaccard)}), objective ${sci(c.saga.objectiveRelativeDifference)} relative (within ${t.objectiveRelative}: ${objectiveVerdict(c.saga.objectiveRelativeDifference, t.objectiveRelative)})` +
      (c.liblinear
        ? `; as liblinear (both with the intercept penalised): Jaccard ${c.liblinear.jaccard.toFixed(3)} (${met(c.liblinear.jaccard >= t.jaccard)}), objective ${sci(c.liblinear.objectiveRelativeDifference)} relative (${objectiveVerdict(c.liblinear.objectiveRelativeDifference, t.objectiveRelative)}).`
        : '.'),
    '',
    'Objectives are sum(loss) + lambda * ||w||_1 on the same float32 data, computed by each side; a negative relative difference means ours is lower (closer to the optimum). scikit-learn runs with its defaults (tol 1e-4, max_iter 100) apart from C; our solver stops when no coefficient violates its optimality condition by more than 1e-7 of the row count.',
    '',
  ];
  return `${lines.join('\n')}\n`;
}
