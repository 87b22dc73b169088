/**
 * A synthetic loan file unlike the Taiwan data: string categoricals, missing values, a text target,
 * a monthly balance history, amounts with decimal commas in a semicolon-separated file. The default
 * probability depends on the columns in known directions, so models trained on it must beat chance.
 */
import { seededRandom } from '../../src/util/random.ts';

export interface UnfamiliarOptions {
  rows: number;
  seed?: number;
  /** Semicolon-separated with decimal commas (as Excel writes in many locales). */
  european?: boolean;
  /** Added to the log-odds of default (negative: rarer defaults). */
  shift?: number;
}

const REGIONS = ['north', 'south', 'east', 'west', 'islands'];
const PRODUCTS = ['card', 'mortgage', 'auto', 'personal'];
const EMPLOYMENT = ['salaried', 'self-employed', 'retired', 'unemployed'];

export function unfamiliarLoansCsv(options: UnfamiliarOptions): string {
  const random = seededRandom(options.seed ?? 11);
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  const sep = options.european ? ';' : ',';
  const num = (x: number, digits = 2) => {
    const text = x.toFixed(digits);
    return options.european ? text.replace('.', ',') : text;
  };
  const header = [
    'loan_ref',
    'region',
    'product',
    'employment',
    'credit_limit',
    'income',
    'age',
    'late_payments',
    ...[1, 2, 3, 4, 5, 6].map((m) => `balance_${m}`),
    'status',
  ];
  const lines = [header.join(sep)];
  for (let i = 0; i < options.rows; i++) {
    const region = REGIONS[Math.floor(random() * REGIONS.length)]!;
    const product = PRODUCTS[Math.floor(random() * PRODUCTS.length)]!;
    const employment = random() < 0.05 ? '' : EMPLOYMENT[Math.floor(random() * EMPLOYMENT.length)]!;
    const limit = Math.round(Math.exp(8 + gauss() * 0.8) / 100) * 100;
    const income = random() < 0.1 ? null : Math.exp(10 + gauss() * 0.5);
    const age = 20 + Math.floor(random() * 50);
    const late = Math.min(6, Math.floor(-Math.log(random() || 1e-12) * 0.8));
    const utilisation = Math.min(1.3, Math.max(0, 0.5 + gauss() * 0.3));
    const balances = [1, 2, 3, 4, 5, 6].map((m) => (random() < 0.04 ? null : limit * Math.max(0, utilisation + gauss() * 0.05 * m)));
    const z =
      -2.4 +
      (options.shift ?? 0) +
      0.9 * late +
      2.5 * (utilisation - 0.5) +
      (employment === 'unemployed' ? 1.3 : employment === 'retired' ? -0.5 : 0) +
      (product === 'card' ? 0.6 : product === 'mortgage' ? -0.8 : 0) +
      (region === 'islands' ? 0.5 : 0) -
      (income === null ? -0.3 : 0.8 * (Math.log(income) - 10)) -
      0.02 * (age - 40);
    const defaulted = random() < 1 / (1 + Math.exp(-z));
    const fields = [
      `L-${String(i + 1).padStart(6, '0')}`,
      region,
      product,
      employment,
      String(limit),
      income === null ? '' : num(income),
      String(age),
      String(late),
      ...balances.map((b) => (b === null ? '' : num(b))),
      defaulted ? 'default' : 'current',
    ];
    lines.push(fields.join(sep));
  }
  return `${lines.join('\n')}\n`;
}
