// An organization whose small card book is scored by a real (small) logistic model, through the same
// code paths the platform uses: features loaded with loadFeatures, the model linked with linkModel
// (columns checked), and two scoring runs (two month-ends, arrears rising) planned and scored batch by
// batch as the worker's jobs do. The obligor page then has a history, an explanation and a what-if.
import pg from 'pg';
import { createDatabase, loadFeatures, planScoringRun, type TenantScope } from '@probity/db';
import { ensureMembership, ensureOrganization, ensurePortfolio, ensureUser, loadPortfolio } from '@probity/db/seed';
import { linkModel, requestScoringRun, scoreBatch, ScorerCache } from '@probity/scoring';
import { registerModelVersion, trainSmallModel } from '@probity/scoring/testing';
import { WHAT_IF_ORG } from '../support/accounts.ts';

const N = 3;

export async function seedWhatIfTenant(databaseUrl: string): Promise<{ obligorId: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let organizationId: string;
  let portfolioId: string;
  let userId: string;
  try {
    await client.query('BEGIN');
    organizationId = await ensureOrganization(client, WHAT_IF_ORG.organization);
    userId = await ensureUser(client, WHAT_IF_ORG.user);
    await ensureMembership(client, userId, organizationId, 'RISK_OFFICER');
    portfolioId = await ensurePortfolio(client, organizationId, WHAT_IF_ORG.portfolio);
    await loadPortfolio(
      client,
      organizationId,
      portfolioId,
      Array.from({ length: N }, (_, i) => ({
        externalId: `LL-${i}`,
        name: `Ledger customer ${i}`,
        segment: 'RETAIL',
        sector: 'Households',
        country: 'DE',
      })),
      Array.from({ length: N }, (_, i) => ({
        externalId: `LL-${i}-C`,
        obligorExternalId: `LL-${i}`,
        product: 'Credit card',
        currency: 'EUR',
        ead: '4000.00',
        limit: '8000.00',
        lgd: '0.7500',
        maturityDate: '2027-12-31',
        originationDate: '2024-01-31',
        collateralValue: null,
        daysPastDue: 0,
        status: 'PERFORMING',
      })),
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }

  const db = createDatabase({ connectionString: databaseUrl });
  const cache = new ScorerCache();
  try {
    const scope: TenantScope = { organizationId, actor: { kind: 'user', userId }, requestId: 'e2e-what-if' };
    const cards = (pay: number) =>
      ['external_id,PAY_0,BILL_AMT1', ...Array.from({ length: N }, (_, i) => `LL-${i}-C,${pay + i},${12000 + 1000 * i}`)].join('\n');
    for (const [asOf, pay] of [
      ['2026-09-30', 0],
      ['2026-10-31', 2],
    ] as const) {
      const loaded = await loadFeatures(db, scope, { level: 'EXPOSURE', asOf, source: { text: cards(pay) } });
      if (!loaded.ok) throw new Error(`what-if tenant: ${JSON.stringify(loaded.issues)}`);
    }
    const ratios = ['external_id,current_ratio', ...Array.from({ length: N }, (_, i) => `LL-${i},${0.5 + i / 2}`)].join('\n');
    const loaded = await loadFeatures(db, scope, { level: 'OBLIGOR', asOf: '2026-09-30', source: { text: ratios } });
    if (!loaded.ok) throw new Error(`what-if tenant: ${JSON.stringify(loaded.issues)}`);
    const { modelId } = await registerModelVersion(databaseUrl, organizationId, await trainSmallModel(), { name: 'Ledger Lane PD' });
    await linkModel(db, scope, { portfolioId, modelId });
    for (const asOf of ['2026-09-30', '2026-10-31']) {
      const run = await requestScoringRun(db, scope, { portfolioId, trigger: 'manual', asOf });
      const { pending } = await planScoringRun(db, scope, run!.id, 'e2e');
      for (const batchNo of pending) await scoreBatch(db, scope, run!.id, batchNo, cache);
    }
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    try {
      const { rows } = await check.query<{ id: string }>('SELECT id FROM obligors WHERE organization_id = $1 AND external_id = $2', [
        organizationId,
        'LL-1',
      ]);
      return { obligorId: rows[0]!.id };
    } finally {
      await check.end();
    }
  } finally {
    await cache.close();
    await db.close();
  }
}
