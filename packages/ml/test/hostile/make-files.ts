/**
 * Writes the hostile-file test set into test/hostile/files/ (committed; rerun after changing a case:
 * `npx tsx test/hostile/make-files.ts`). Each file is what a new user might hand the trainer: broken
 * encodings, broken CSV, degenerate targets, very wide or very long fields. Seeded, so the bytes are
 * the same on every run. What each file must do is listed in cases.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../../src/util/random.ts';

const DIR = fileURLToPath(new URL('./files/', import.meta.url));

interface Loan {
  id: number;
  income: number;
  utilisation: number;
  late: number;
  region: string;
  defaulted: 0 | 1;
}

/** A few hundred loans whose default depends on the columns, so every trainable file can be learnt. */
function loans(rows: number, seed = 7): Loan[] {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  const regions = ['north', 'south', 'east', 'west'];
  return Array.from({ length: rows }, (_, i) => {
    const income = Math.round(Math.exp(10 + 0.5 * gauss()));
    const utilisation = Math.min(1.2, Math.max(0, 0.5 + 0.3 * gauss()));
    const late = Math.min(5, Math.floor(-Math.log(random() || 1e-12) * 0.8));
    const region = regions[Math.floor(random() * regions.length)]!;
    const z = -1.6 + 0.8 * late + 2 * (utilisation - 0.5) - 0.6 * (Math.log(income) - 10);
    return { id: i + 1, income, utilisation, late, region, defaulted: random() < 1 / (1 + Math.exp(-z)) ? 1 : 0 };
  });
}

function csv(header: string[], rows: (string | number)[][], separator = ',', newline = '\n'): string {
  return [header.join(separator), ...rows.map((row) => row.join(separator))].join(newline) + newline;
}

const HEADER = ['id', 'income', 'utilisation', 'late_payments', 'region', 'default'];
const plain = (l: Loan) => [l.id, l.income, l.utilisation.toFixed(3), l.late, l.region, l.defaulted];

function files(): Record<string, string | Buffer> {
  const base = loans(400);
  const out: Record<string, string | Buffer> = {};
  out['empty.csv'] = '';
  out['header-only.csv'] = `${HEADER.join(',')}\n`;
  // A gzip stream named .csv (a common slip: the export was compressed).
  out['binary.csv'] = Buffer.from([
    0x1f,
    0x8b,
    0x08,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x03,
    ...Array.from({ length: 600 }, (_, i) => (i * 37 + 11) & 0xff),
  ]);
  out['one-column.csv'] = csv(
    ['default'],
    base.map((l) => [l.defaulted]),
  );
  out['constant-target.csv'] = csv(
    HEADER,
    base.map((l) => [...plain(l).slice(0, 5), 0]),
  );
  out['three-valued-target.csv'] = csv(
    HEADER,
    base.map((l, i) => [...plain(l).slice(0, 5), i % 37 === 5 ? 2 : l.defaulted]),
  );
  out['partly-missing-target.csv'] = csv(
    HEADER,
    base.map((l, i) => [...plain(l).slice(0, 5), i % 41 === 3 ? '' : l.defaulted]),
  );
  {
    const rows = base.map(plain).map((r) => r.join(','));
    rows[57] = rows[57]!.replace(/,(north|south|east|west),/, ',"$1 region,');
    out['unbalanced-quotes.csv'] = `${HEADER.join(',')}\n${rows.join('\n')}\n`;
  }
  out['quoted-newlines.csv'] = csv(
    [...HEADER.slice(0, 5), 'note', 'default'],
    base.map((l, i) => [...plain(l).slice(0, 5), i % 3 === 0 ? '"called twice,\nno answer"' : '"ok"', l.defaulted]),
  );
  out['bom-crlf.csv'] = `\ufeff${csv(HEADER, base.map(plain), ',', '\r\n')}`;
  out['nan-infinity.csv'] = csv(
    HEADER,
    base.map((l, i) => {
      const row = plain(l);
      if (i % 13 === 0) row[1] = ['NaN', 'inf', '-Infinity', 'Infinity', '#DIV/0!'][i % 5]!;
      if (i % 17 === 0) row[2] = 'nan';
      return row;
    }),
  );
  {
    const rows = base.map(plain);
    rows[10] = rows[10]!.slice(0, 4);
    rows[200] = [...rows[200]!, 'extra'];
    out['ragged-rows.csv'] = csv(HEADER, rows);
  }
  out['duplicate-headers.csv'] = csv(
    ['id', 'income', 'utilisation', 'income', 'late_payments', 'region', 'default'],
    base.map((l) => [l.id, l.income, l.utilisation.toFixed(3), Math.round(l.income * 1.1), l.late, l.region, l.defaulted]),
  );
  {
    // 200 rows x 3,000 numeric columns (a bureau extract of scores 0-99), 40 of them related to the default.
    const random = seededRandom(3000);
    const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
    const header = [...Array.from({ length: 3000 }, (_, j) => `attr_${String(j + 1).padStart(4, '0')}`), 'default'];
    const rows = Array.from({ length: 200 }, () => {
      const x = Array.from({ length: 3000 }, () => gauss());
      let z = -1;
      for (let j = 0; j < 40; j++) z += 0.5 * x[j]!;
      return [...x.map((v) => Math.min(99, Math.max(0, Math.round(50 + 15 * v)))), random() < 1 / (1 + Math.exp(-z)) ? 1 : 0];
    });
    out['wide-3000-columns.csv'] = csv(header, rows);
  }
  out['field-200kb.csv'] = csv(
    [...HEADER.slice(0, 5), 'comment', 'default'],
    base.map((l, i) => [...plain(l).slice(0, 5), i === 5 ? `"${'lorem ipsum, '.repeat(16_000)}"` : `"row ${i}"`, l.defaulted]),
  );
  {
    // Latin-1 (ISO-8859-1) bytes, as an old Windows export writes them: é = 0xE9, ü = 0xFC.
    const regions = ['Genève', 'Zürich', 'Köln', 'Besançon'];
    const text = csv(
      HEADER,
      base.map((l, i) => [...plain(l).slice(0, 4), regions[i % 4]!, l.defaulted]),
    );
    out['latin1.csv'] = Buffer.from(text, 'latin1');
  }
  out['tabs.tsv'] = csv(HEADER, base.map(plain), '\t');
  out['semicolons-decimal-commas.csv'] = csv(
    HEADER,
    base.map((l) => [
      l.id,
      `${Math.floor(l.income / 1000)}.${String(l.income % 1000).padStart(3, '0')},50`,
      l.utilisation.toFixed(3).replace('.', ','),
      l.late,
      l.region,
      l.defaulted,
    ]),
    ';',
  );
  out['no-usable-feature.csv'] = csv(
    ['customer_name', 'default'],
    base.map((l) => [`customer ${l.id}`, l.defaulted]),
  );
  out['constant-features.csv'] = csv(
    ['id', 'country', 'product', 'default'],
    base.map((l) => [l.id, 'CH', '', l.defaulted]),
  );
  out['text-target.csv'] = csv(
    [...HEADER.slice(0, 5), 'status'],
    base.map((l) => [...plain(l).slice(0, 5), l.defaulted ? 'default' : 'performing']),
  );
  return out;
}

mkdirSync(DIR, { recursive: true });
for (const [name, content] of Object.entries(files())) writeFileSync(`${DIR}${name}`, content);
process.stdout.write(`wrote ${Object.keys(files()).length} files to ${DIR}\n`);
