// The rows and champions the re-scoring bench runs (rescore.ts --data): a million exposures need
// feature rows as wide as a real book's, and champions trained the way the demo trains them, or the
// bench measures a toy. The issue sizes storage for 30 to 100 features a row; the shipped files give
// the demo's two books:
// - taiwan (default): the retail cards' 23 payment-history columns per exposure, the million rows
//   cycling through the file's 30,000; champions trained on the shipped file with `--split mod5` and
//   the library's defaults, as the demo's Retail cards PD;
// - polish: the corporate book's 64 financial ratios per obligor (gaps kept as missing values), as
//   the demo's Corporate PD (balanced class weights);
// - small: three synthetic columns and small champions (trainSmallModel), the earlier bench's rows:
//   the least a score can cost next to the cheapest COPY.
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseSplit, serializeModel, train, type TrainOptions } from '@probity/ml';
import { trainSmallModel } from '../src/testing.ts';

export type BenchDataName = 'taiwan' | 'polish' | 'small';
export const BENCH_DATA: readonly BenchDataName[] = ['taiwan', 'polish', 'small'];

export interface BenchData {
  /** For the table: the rows' shape. */
  label: string;
  /** The level the features are stored at (the COPY reference reads that table). */
  level: 'EXPOSURE' | 'OBLIGOR';
  /**
   * Writes `rows` feature rows as CSV to `path`, keyed by the fixture's references (`${slug}-E<i>` or
   * `-O<i>`), the file's k-th line for reference `order(k)` (a permutation of 0 to rows - 1).
   */
  writeFeatures(path: string, slug: string, rows: number, order: (k: number) => number): Promise<void>;
  /** The champion of a family, as a model file's JSON. */
  champion(kind: 'logistic' | 'gbdt'): Promise<string>;
}

const shipped = (name: string) => fileURLToPath(new URL(`../../../data/${name}`, import.meta.url));

/** Streams a CSV: the header, then `rows` lines, the k-th made by `line(order(k))`, waiting on the disk as it goes. */
async function writeCsv(
  path: string,
  header: string,
  rows: number,
  order: (k: number) => number,
  line: (i: number) => string,
): Promise<void> {
  const out = createWriteStream(path);
  out.write(header + '\n');
  const chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    chunk.push(line(order(i)));
    if (chunk.length === 10_000 || i === rows - 1) {
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
      chunk.length = 0;
    }
  }
  out.end();
  await once(out, 'finish');
}

/** A shipped file's feature columns (every column but the id and the target), cycled over the book. */
function shippedData(spec: {
  file: string;
  level: 'EXPOSURE' | 'OBLIGOR';
  target: string;
  id?: string;
  options: Partial<TrainOptions>;
  name: string;
}): BenchData {
  const path = shipped(spec.file);
  const lines = readFileSync(path, 'utf8').trimEnd().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const keep = header.map((c, i) => (c === spec.target || c === spec.id ? -1 : i)).filter((i) => i >= 0);
  const body = lines.slice(1).map((l) => {
    const cells = l.split(',');
    return keep.map((i) => cells[i]).join(',');
  });
  const reference = spec.level === 'EXPOSURE' ? 'E' : 'O';
  return {
    label: `${spec.name}, ${keep.length} features per ${spec.level === 'EXPOSURE' ? 'exposure' : 'obligor'}`,
    level: spec.level,
    writeFeatures: (out, slug, rows, order) =>
      writeCsv(
        out,
        ['external_id', ...keep.map((i) => header[i])].join(','),
        rows,
        order,
        (i) => `${slug}-${reference}${i},${body[i % body.length]}`,
      ),
    async champion(kind) {
      const { model } = await train(path, {
        model: kind,
        target: spec.target,
        id: spec.id,
        split: parseSplit('mod5'),
        seed: 7,
        createdAt: '2026-12-01T00:00:00.000Z',
        ...spec.options,
      });
      return serializeModel(model);
    },
  };
}

export function benchData(name: BenchDataName): BenchData {
  switch (name) {
    case 'taiwan':
      return shippedData({
        name: 'Taiwan cards',
        file: 'taiwan-credit-default.csv',
        level: 'EXPOSURE',
        target: 'DEFAULT_NEXT_MONTH',
        id: 'ID',
        options: {},
      });
    case 'polish':
      return shippedData({
        name: 'Polish companies',
        file: 'polish-bankruptcy-1year.csv',
        level: 'OBLIGOR',
        target: 'BANKRUPT',
        options: { classWeight: 'balanced' },
      });
    case 'small':
      return {
        label: '3 synthetic features per exposure',
        level: 'EXPOSURE',
        writeFeatures: (out, slug, rows, order) =>
          writeCsv(
            out,
            'external_id,PAY_0,BILL_AMT1,current_ratio',
            rows,
            order,
            (i) => `${slug}-E${i},${(i % 6) - 1},${(i * 7919) % 250000},${(i % 13) / 4}`,
          ),
        champion: (kind) => trainSmallModel(7, kind, kind === 'gbdt' ? 5000 : 600),
      };
  }
}
