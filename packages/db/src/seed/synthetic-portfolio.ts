// A synthetic card-and-loan book of any size, one obligor per exposure, deterministic for a seed: the
// scale benchmark loads 100,000 to 5,000,000 of these, the index tests a few thousand. Value mixes
// are a bank's, roughly: most exposures performing and current, a few percent defaulted, a long tail
// of EAD, a fifth without a maturity date, twelve sectors, fifteen countries, four currencies.
import type { ExposureRow, ObligorRow } from './bulk-load.ts';

const FIRST = ['Wei', 'Anna', 'John', 'Maria', 'Luca', 'Sophie', 'Jan', 'Eva', 'Tom', 'Li', 'Ming', 'Paul', 'Ines', 'Omar', 'Yuki'];
const LAST = ['Chen', 'Lin', 'Wang', 'Smith', 'Garcia', 'Müller', 'Rossi', 'Dubois', 'Novak', 'Kowalski', 'Silva', 'Jansen', 'Berg'];
const SECTORS = [
  'Energy',
  'Healthcare',
  'Manufacturing',
  'Retail trade',
  'Construction',
  'Transport',
  'Technology',
  'Agriculture',
  'Real estate',
  'Hospitality',
  'Finance',
  null,
] as const;
const COUNTRIES = ['DE', 'DE', 'DE', 'FR', 'FR', 'IT', 'ES', 'NL', 'BE', 'AT', 'PL', 'PT', 'SE', 'IE', 'LU'] as const;
const PRODUCTS = ['Credit card', 'Credit card', 'Credit card', 'Overdraft', 'Personal loan', 'Car loan'] as const;
const CURRENCIES = ['EUR', 'EUR', 'EUR', 'USD', 'GBP', 'CHF'] as const;

/** mulberry32: a small, fast, seedable generator (not for anything secret). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(values: readonly T[], u: number): T => values[Math.floor(u * values.length)]!;
/** `days` ISO dates from `base`, made once: formatting two dates per row showed at a million rows. */
const days = (base: number, count: number) =>
  Array.from({ length: count }, (_, d) => new Date(base + d * 86_400_000).toISOString().slice(0, 10));
const MATURITIES = days(Date.UTC(2027, 0, 1), 5000);
const ORIGINATIONS = days(Date.UTC(2018, 0, 1), 2900);

export interface SyntheticRow {
  obligor: ObligorRow;
  exposure: ExposureRow;
}

type Options = { seed?: number; prefix?: string };

// Each row draws from its own two streams (obligor, exposure) seeded from (seed, n): the loader reads
// the obligors and the exposures in two passes, and neither pass has to draw the other's values.
const stream = (seed: number, n: number, which: 1 | 2) =>
  random(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n, 0xc2b2ae35) ^ which);
const segmentOf = (u: number): ObligorRow['segment'] => (u < 0.02 ? 'CORPORATE' : u < 0.1 ? 'SME' : 'RETAIL');

function obligorOf(n: number, seed: number, prefix: string): ObligorRow {
  const next = stream(seed, n, 1);
  return {
    externalId: `${prefix}CU-${n}`,
    segment: segmentOf(next()),
    name: `${pick(LAST, next())} ${pick(FIRST, next())} ${n}`,
    sector: pick(SECTORS, next()),
    country: pick(COUNTRIES, next()),
  };
}

function exposureOf(n: number, seed: number, prefix: string): ExposureRow {
  const segment = segmentOf(stream(seed, n, 1)()); // the obligor's first draw
  const next = stream(seed, n, 2);
  const limit = Math.exp(5 + next() * 8);
  const ead = limit * next() * 1.05;
  const s = next();
  const status = s < 0.03 ? 'DEFAULTED' : s < 0.09 ? 'WATCHLIST' : s < 0.1 ? 'CLOSED' : 'PERFORMING';
  const daysPastDue = status === 'DEFAULTED' ? 90 + Math.floor(next() * 300) : status === 'WATCHLIST' ? 1 + Math.floor(next() * 89) : 0;
  return {
    externalId: `${prefix}SC-${n}`,
    obligorExternalId: `${prefix}CU-${n}`,
    product: pick(PRODUCTS, next()),
    currency: pick(CURRENCIES, next()),
    ead: ead.toFixed(2),
    limit: limit.toFixed(2),
    lgd: (0.1 + Math.floor(next() * 161) * 0.005).toFixed(4),
    maturityDate: next() < 0.2 ? null : MATURITIES[Math.floor(next() * 5000)]!,
    originationDate: ORIGINATIONS[Math.floor(next() * 2900)]!,
    collateralValue: segment === 'RETAIL' ? null : (limit * next()).toFixed(2),
    daysPastDue,
    status,
  };
}

/** The obligors of syntheticRows alone (n from 1). */
export function* syntheticObligors(count: number, options: Options = {}): Generator<ObligorRow> {
  for (let n = 1; n <= count; n += 1) yield obligorOf(n, options.seed ?? 14, options.prefix ?? '');
}

/** The exposures of syntheticRows alone (n from 1). */
export function* syntheticExposures(count: number, options: Options = {}): Generator<ExposureRow> {
  for (let n = 1; n <= count; n += 1) yield exposureOf(n, options.seed ?? 14, options.prefix ?? '');
}

/**
 * `count` obligors and their exposures: obligor `CU-<n>`, exposure `SC-<n>` (n from 1), names like
 * "Chen Wei 123". `prefix` keeps references unique when one organization holds several books.
 */
export function* syntheticRows(count: number, options: Options = {}): Generator<SyntheticRow> {
  const [seed, prefix] = [options.seed ?? 14, options.prefix ?? ''];
  for (let n = 1; n <= count; n += 1) yield { obligor: obligorOf(n, seed, prefix), exposure: exposureOf(n, seed, prefix) };
}
