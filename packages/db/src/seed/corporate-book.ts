// A small corporate and SME lending book with sectors and countries, generated deterministically
// (same rows on every machine) so the segment and sector views have something to show.
import type { ExposureRow, ObligorRow } from './bulk-load.ts';

// Mulberry32: a tiny seeded PRNG; determinism matters here, statistical quality does not.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SECTORS = [
  'Manufacturing',
  'Energy',
  'Real estate',
  'Wholesale & retail trade',
  'Transport & logistics',
  'Information technology',
  'Healthcare',
  'Agriculture',
  'Construction',
  'Hospitality',
] as const;
const COUNTRIES = ['DE', 'FR', 'NL', 'IT', 'ES', 'BE', 'AT', 'PL', 'SE', 'IE'] as const;
const STEMS = [
  'Nordhafen',
  'Alpine',
  'Rheinland',
  'Baltica',
  'Iberia',
  'Lumen',
  'Vesta',
  'Castellan',
  'Danubia',
  'Helios',
  'Meridian',
  'Orion',
  'Tessera',
  'Verdant',
  'Aurora',
  'Brenner',
  'Calder',
  'Solano',
  'Fjord',
  'Arden',
];
const SUFFIX: Record<(typeof COUNTRIES)[number], string> = {
  DE: 'GmbH',
  FR: 'SAS',
  NL: 'B.V.',
  IT: 'S.p.A.',
  ES: 'S.L.',
  BE: 'NV',
  AT: 'GmbH',
  PL: 'Sp. z o.o.',
  SE: 'AB',
  IE: 'Ltd',
};
const NOUN: Record<(typeof SECTORS)[number], string> = {
  Manufacturing: 'Industries',
  Energy: 'Energie',
  'Real estate': 'Immobilien',
  'Wholesale & retail trade': 'Trading',
  'Transport & logistics': 'Logistics',
  'Information technology': 'Systems',
  Healthcare: 'Medical',
  Agriculture: 'Agrar',
  Construction: 'Bau',
  Hospitality: 'Hotels',
};
const PRODUCTS = ['Term loan', 'Revolving credit facility', 'Trade finance', 'Commercial mortgage'] as const;

export const CORPORATE_OBLIGOR_COUNT = 80;

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function corporateBookRows(today: Date): { obligors: ObligorRow[]; exposures: ExposureRow[] } {
  const rand = prng(20_261_127);
  const obligors: ObligorRow[] = [];
  const exposures: ExposureRow[] = [];
  for (let i = 1; i <= CORPORATE_OBLIGOR_COUNT; i += 1) {
    const sector = pick(rand, SECTORS);
    const country = pick(rand, COUNTRIES);
    const corporate = rand() < 0.45;
    const externalId = `CORP-${String(i).padStart(4, '0')}`;
    obligors.push({
      externalId,
      name: `${STEMS[(i * 7) % STEMS.length]} ${NOUN[sector]} ${SUFFIX[country]}`,
      segment: corporate ? 'CORPORATE' : 'SME',
      sector,
      country,
    });
    const facilities = 1 + Math.floor(rand() * 3);
    for (let f = 1; f <= facilities; f += 1) {
      const product = pick(rand, PRODUCTS);
      // Log-normal sizes: corporates in the tens of millions, SMEs in the hundreds of thousands.
      const scale = corporate ? 15_000_000 : 600_000;
      const limit = Math.round((scale * Math.exp((rand() - 0.5) * 2.2)) / 1000) * 1000;
      const drawn = product === 'Revolving credit facility' ? 0.2 + rand() * 0.7 : 0.75 + rand() * 0.25;
      const secured = product === 'Commercial mortgage' || rand() < 0.4;
      const collateral = secured ? Math.round(limit * (0.6 + rand() * 0.8)) : null;
      const lgd = secured ? 0.2 + rand() * 0.25 : 0.45; // 45%: the Basel foundation-IRB senior unsecured LGD
      const late = rand();
      const dpd = late < 0.9 ? 0 : late < 0.96 ? 30 + Math.floor(rand() * 30) : 90 + Math.floor(rand() * 120);
      const originated = new Date(
        Date.UTC(today.getUTCFullYear() - 1 - Math.floor(rand() * 5), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)),
      );
      const tenorYears = product === 'Trade finance' ? 1 : 3 + Math.floor(rand() * 8);
      const maturity = new Date(Date.UTC(originated.getUTCFullYear() + tenorYears, originated.getUTCMonth(), originated.getUTCDate()));
      exposures.push({
        externalId: `${externalId}-F${f}`,
        obligorExternalId: externalId,
        product,
        currency: 'EUR',
        ead: (limit * drawn).toFixed(2),
        limit: limit.toFixed(2),
        lgd: lgd.toFixed(4),
        maturityDate: isoDate(maturity),
        originationDate: isoDate(originated),
        collateralValue: collateral === null ? null : collateral.toFixed(2),
        daysPastDue: dpd,
        status: dpd >= 90 ? 'DEFAULTED' : dpd >= 30 ? 'WATCHLIST' : 'PERFORMING',
      });
    }
  }
  return { obligors, exposures };
}
