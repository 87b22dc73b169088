// Feature cards for a tenant fixture's exposures and obligors, with the columns @probity/scoring's
// small test model needs (PAY_0 and BILL_AMT1 per exposure, current_ratio per obligor).
import { expect } from 'vitest';
import { loadFeatures, type Database, type TenantScope } from '@probity/db';

/** Loads cards as of 2026-10-31 for exposures E0… and obligors O0… of the fixture `slug`; both loads must succeed. */
export async function loadScoringCards(db: Database, scope: TenantScope, slug: string, count: number): Promise<void> {
  const cards = [
    'external_id,PAY_0,BILL_AMT1',
    ...Array.from({ length: count }, (_, i) => `${slug}-E${i},${(i % 5) - 1},${(i * 37) % 90000}`),
  ];
  const ratios = ['external_id,current_ratio', ...Array.from({ length: count }, (_, i) => `${slug}-O${i},${(i % 9) / 3}`)];
  expect((await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: cards.join('\n') } })).ok).toBe(true);
  expect((await loadFeatures(db, scope, { level: 'OBLIGOR', asOf: '2026-10-31', source: { text: ratios.join('\n') } })).ok).toBe(true);
}
