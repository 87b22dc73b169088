/**
 * How the trees' defaults were chosen (`npx tsx bench/trees-defaults.ts`): K-fold cross-validation
 * on three data sets at once, never on the `--split mod5` test rows of the files.
 *
 * - Polish companies (1st year): the non-test rows (row number not divisible by 5), all of them.
 * - Taiwan cards: a seeded sample of the non-test rows (ID not divisible by 5), for time.
 * - Synthetic loans with known structure (test/support/structured-defaults.ts: informative
 *   missingness, a threshold, an interaction, a monotone effect, 2% defaults).
 *
 * Each fold is written as a file whose new id makes `--split mod5` test exactly that fold, so our
 * training runs the whole pipeline as a user's would (80/20 train/validation within the other
 * folds), and scikit-learn's HistGradientBoosting (and, with --references all, XGBoost, MLP and
 * logistic regression) trains on the same non-test rows with its defaults. Prints one JSON line per
 * run and a table of mean test AUC per data set and across data sets, per candidate.
 *
 * Options: --folds K (default 4) --data polish,taiwan,synthetic --taiwan-rows N (default 8000)
 *          --candidates NAME,... (see CANDIDATES) --model gbdt|fusion --references hist|all|none
 *          --fold-list 0,2 (only those folds) --out FILE.jsonl (appends) --cache FILE.json (reference figures per fold, reused)
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { structuredLoansCsv } from '../test/support/structured-defaults.ts';
import { readCsvText } from '../src/data/read-csv.ts';
import type { GbdtOptions } from '../src/families/gbdt.ts';
import { trainModel } from '../src/train/train-model.ts';
import type { TrainOptions } from '../src/train/options.ts';
import { seededRandom } from '../src/util/random.ts';
import { PYTHON } from './python.ts';

const DATA = fileURLToPath(new URL('../../../data/', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./trees_bench.py', import.meta.url));

/** The settings before this sweep (learning rate 0.1, no refit): candidates are changes to them. */
const BEFORE: GbdtOptions = { learningRate: 0.1, maxLeaves: 15, minLeafRows: 20, l2: 1, rowSample: 0.8, columnSample: 0.8 };

export const CANDIDATES: Record<string, GbdtOptions> = {
  'first-fit': { ...BEFORE, refit: 'off' },
  'refit-same': { ...BEFORE, refit: 'same' },
  'refit-scaled': { ...BEFORE, refit: 'scaled' },
  'refit-rate-0.05': { ...BEFORE, refit: 'scaled', learningRate: 0.05 },
  'refit-31-leaves': { ...BEFORE, refit: 'scaled', maxLeaves: 31 },
  'refit-no-sampling': { ...BEFORE, refit: 'scaled', rowSample: 1, columnSample: 1 },
  'refit-histgb-like': { ...BEFORE, refit: 'scaled', maxLeaves: 31, l2: 0, rowSample: 1, columnSample: 1 },
  'refit-l2-5': { ...BEFORE, refit: 'scaled', l2: 5 },
  'refit-l2-0': { ...BEFORE, refit: 'scaled', l2: 0 },
  'refit-31-leaves-rate-0.05': { ...BEFORE, refit: 'scaled', maxLeaves: 31, learningRate: 0.05 },
  'refit-rate-0.05-l2-0': { ...BEFORE, refit: 'scaled', learningRate: 0.05, l2: 0 },
  /** The package defaults as they are now (src/trees/defaults.ts). */
  defaults: {},
};

interface Source {
  name: string;
  header: string[];
  lines: string[][];
  /** Column holding the row key (replaced per fold), or null to add ROWKEY in front. */
  idColumn: string | null;
  options: Omit<TrainOptions, 'model'>;
}

function parse(text: string): { header: string[]; lines: string[][] } {
  const rows = text.trimEnd().split(/\r?\n/);
  return { header: rows[0]!.split(','), lines: rows.slice(1).map((l) => l.split(',')) };
}

function sources(names: string[], taiwanRows: number): Source[] {
  const out: Source[] = [];
  if (names.includes('polish')) {
    const { header, lines } = parse(readFileSync(join(DATA, 'polish-bankruptcy-1year.csv'), 'utf8'));
    out.push({ name: 'polish', header, lines: lines.filter((_, i) => i % 5 !== 0), idColumn: null, options: { target: 'BANKRUPT' } });
  }
  if (names.includes('taiwan')) {
    const { header, lines } = parse(readFileSync(join(DATA, 'taiwan-credit-default.csv'), 'utf8'));
    const id = header.indexOf('ID');
    const random = seededRandom(11);
    const pool = lines.filter((l) => Number(l[id]) % 5 !== 0);
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    out.push({
      name: 'taiwan',
      header,
      lines: pool.slice(0, taiwanRows),
      idColumn: 'ID',
      options: { target: 'DEFAULT_NEXT_MONTH', limitColumn: 'LIMIT_BAL' },
    });
  }
  if (names.includes('synthetic')) {
    const { header, lines } = parse(structuredLoansCsv(15_000, 17));
    out.push({ name: 'synthetic', header, lines, idColumn: 'id', options: { target: 'target' } });
  }
  return out;
}

/** The source with a row key making `--split mod5` test exactly fold k of K. */
function foldCsv(source: Source, k: number, K: number): { csv: string; id: string } {
  const key = (j: number) => String(j % K === k ? 5 * j : 5 * j + 1);
  if (source.idColumn === null) {
    const lines = source.lines.map((l, j) => [key(j), ...l].join(','));
    return { csv: `${['ROWKEY', ...source.header].join(',')}\n${lines.join('\n')}\n`, id: 'ROWKEY' };
  }
  const c = source.header.indexOf(source.idColumn);
  const lines = source.lines.map((l, j) => l.map((v, i) => (i === c ? key(j) : v)).join(','));
  return { csv: `${source.header.join(',')}\n${lines.join('\n')}\n`, id: source.idColumn };
}

function references(path: string, target: string, id: string, which: string): Record<string, number> {
  if (which === 'none') return {};
  const result = spawnSync(PYTHON, [SCRIPT, 'quality', path, target, id, ...(which === 'hist' ? ['hist'] : [])], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0) throw new Error(`trees_bench.py quality failed: ${result.stderr}`);
  const models = (JSON.parse(result.stdout) as { models: Record<string, { testAuc: number }> }).models;
  return Object.fromEntries(Object.entries(models).map(([name, m]) => [name, m.testAuc]));
}

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const K = Number(flag('--folds', '4'));
const foldList = flag('--fold-list', Array.from({ length: K }, (_, k) => k).join(','))
  .split(',')
  .map(Number);
const names = flag('--data', 'polish,taiwan,synthetic').split(',');
const candidates = flag('--candidates', Object.keys(CANDIDATES).join(',')).split(',');
const model = flag('--model', 'gbdt') as 'gbdt' | 'fusion';
const which = flag('--references', 'hist');
const out = flag('--out', '');
const cachePath = flag('--cache', '');
const cache = (cachePath && existsSync(cachePath) ? JSON.parse(readFileSync(cachePath, 'utf8')) : {}) as Record<
  string,
  Record<string, number>
>;
const work = mkdtempSync(join(tmpdir(), 'probity-trees-defaults-'));
const results: { data: string; fold: number; candidate: string; auc: number; trees: number; reference: Record<string, number> }[] = [];
try {
  for (const source of sources(names, Number(flag('--taiwan-rows', '8000')))) {
    for (let k = 0; k < K; k++) {
      if (!foldList.includes(k)) continue;
      const { csv, id } = foldCsv(source, k, K);
      const path = join(work, `${source.name}-${k}.csv`);
      writeFileSync(path, csv);
      // Reference figures per fold are kept in --cache FILE.json (they do not change between sweeps).
      const cacheKey = `${source.name}:${k}/${K}:${which}:${source.lines.length}`;
      const reference = cache[cacheKey] ?? references(path, String(source.options.target), id, which);
      cache[cacheKey] = reference;
      if (cachePath) writeFileSync(cachePath, JSON.stringify(cache, null, 1));
      const { table } = await readCsvText(csv);
      for (const candidate of candidates) {
        const gbdt = CANDIDATES[candidate];
        if (!gbdt) throw new Error(`unknown candidate ${candidate}`);
        const started = performance.now();
        const run = await trainModel(table, { ...source.options, id, split: { kind: 'mod5' }, model, gbdt });
        const row = {
          data: source.name,
          fold: k,
          candidate,
          model,
          auc: run.report.test!.auc,
          trees: run.report.gbdt?.trees ?? 0,
          fusion: run.report.fusion?.weights ?? null,
          seconds: (performance.now() - started) / 1000,
          load: loadavg()[0],
          reference,
        };
        results.push(row);
        const line = JSON.stringify(row);
        process.stdout.write(`${line}\n`);
        if (out) appendFileSync(out, `${line}\n`);
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
