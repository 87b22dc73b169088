// Feature cards for a tenant fixture's exposures and obligors, with the columns @probity/scoring's
// small test model needs (PAY_0 and BILL_AMT1, and current_ratio per obligor or on the exposure).
import { expect, inject } from 'vitest';
import { loadFeatures, type Database, type TenantScope } from '@probity/db';
import { linkModel } from '@probity/scoring';
import { registerModelVersion, trainSmallModel } from '@probity/scoring/testing';

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

/**
 * Loads one card per exposure E0… (`row(i)`: PAY_0,BILL_AMT1,current_ratio) as of 2026-10-31, then links
 * the portfolio to a freshly trained small model, champion of its own; returns the model's ids.
 */
export async function linkScoreReadyPortfolio(
  db: Database,
  scope: TenantScope,
  fixture: { slug: string; portfolioId: string },
  count: number,
  row: (i: number) => string,
): Promise<{ modelId: string; versionId: string }> {
  const cards = [
    'external_id,PAY_0,BILL_AMT1,current_ratio',
    ...Array.from({ length: count }, (_, i) => `${fixture.slug}-E${i},${row(i)}`),
  ];
  expect((await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: cards.join('\n') } })).ok).toBe(true);
  const registered = await registerModelVersion(inject('databaseUrl'), scope.organizationId, await trainSmallModel());
  await linkModel(db, scope, { portfolioId: fixture.portfolioId, modelId: registered.modelId });
  return registered;
}
