// Features, a real trained model (champion) and a retired version of it, linked to the tenant's portfolio.
import { inject } from 'vitest';
import { loadFeatures, type Database } from '@probity/db';
import { linkModel } from '@probity/scoring';
import { registerModelVersion, trainSmallModel } from '@probity/scoring/testing';
import type { TenantWithKeys } from './harness.ts';

export async function linkModelToPortfolioForTest(db: Database, t: TenantWithKeys): Promise<{ modelId: string; retiredVersionId: string }> {
  const scope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } } as const;
  const n = 4;
  const cards = ['external_id,PAY_0,BILL_AMT1', ...Array.from({ length: n }, (_, i) => `${t.slug}-E${i},${i - 1},${i * 1000}`)].join('\n');
  const ratios = ['external_id,current_ratio', ...Array.from({ length: n }, (_, i) => `${t.slug}-O${i},${i / 2}`)].join('\n');
  for (const [level, text] of [
    ['EXPOSURE', cards],
    ['OBLIGOR', ratios],
  ] as const) {
    const loaded = await loadFeatures(db, scope, { level, asOf: '2026-10-31', source: { text } });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  }
  const { modelId } = await registerModelVersion(inject('databaseUrl'), t.organizationId, await trainSmallModel());
  const retired = await registerModelVersion(inject('databaseUrl'), t.organizationId, await trainSmallModel(5), {
    modelId,
    status: 'RETIRED',
  });
  await linkModel(db, scope, { portfolioId: t.portfolioId, modelId });
  return { modelId, retiredVersionId: retired.versionId };
}
