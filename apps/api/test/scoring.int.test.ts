// Scoring through GraphQL with an API key and a risk officer: linking is refused with the missing
// columns named, re-scoring queues the run for the workers, and scores (PD, grade, reasons) read back on
// the exposures once the batches are done (scored here in-process, as a worker would).
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { loadFeatures, planScoringRun } from '@probity/db';
import { runSql } from '@probity/db/testing';
import { scoreBatch, ScorerCache } from '@probity/scoring';
import { registerModelVersion, trainSmallModel } from '@probity/scoring/testing';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let t: TenantWithKeys;
let modelId: string;
const cache = new ScorerCache();

beforeAll(async () => {
  h = await startHarness();
  t = await tenantWithKeys(h.db, 'scoring-api', 6);
  const scope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } } as const;
  const cards = ['external_id,PAY_0,BILL_AMT1', ...Array.from({ length: 6 }, (_, i) => `${t.slug}-E${i},${i - 1},${i * 1000}`)].join('\n');
  expect((await loadFeatures(h.db, scope, { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: cards } })).ok).toBe(true);
  ({ modelId } = await registerModelVersion(inject('databaseUrl'), t.organizationId, await trainSmallModel()));
}, 120_000);
afterAll(async () => {
  await cache.close();
  await h?.close();
});

const LINK = 'mutation($p: ID!, $m: ID!) { linkModelToPortfolio(portfolioId: $p, modelId: $m) { modelId cron timeZone } }';
const RESCORE = 'mutation($p: ID!) { rescorePortfolio(portfolioId: $p) { id status asOf modelVersionId } }';

describe('scoring through GraphQL', () => {
  it('refuses a link while a column is missing, naming it; below RISK_OFFICER it is forbidden', async () => {
    const officer = await t.token('RISK_OFFICER');
    const refused = await h.call(LINK, { p: t.portfolioId, m: modelId }, officer);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'modelId' });
    expect(refused.body.errors?.[0]?.message).toContain('current_ratio');
    const analyst = await h.call(LINK, { p: t.portfolioId, m: modelId }, await t.token('ANALYST'));
    expect(analyst.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unlinked = await h.call(RESCORE, { p: t.portfolioId }, officer);
    expect(unlinked.body.errors?.[0]?.message).toMatch(/no model is linked/);
  });

  it('links, re-scores on demand and shows PDs, grades and reasons on the exposures', async () => {
    const scope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } } as const;
    const ratios = ['external_id,current_ratio', ...Array.from({ length: 6 }, (_, i) => `${t.slug}-O${i},${i / 2}`)].join('\n');
    expect((await loadFeatures(h.db, scope, { level: 'OBLIGOR', asOf: '2026-10-31', source: { text: ratios } })).ok).toBe(true);
    const officer = await t.token('RISK_OFFICER');
    const linked = await h.call<{ linkModelToPortfolio: { modelId: string; cron: string } }>(
      LINK,
      { p: t.portfolioId, m: modelId },
      officer,
    );
    expect(linked.body.errors).toBeUndefined();
    expect(linked.body.data!.linkModelToPortfolio).toMatchObject({ modelId, cron: '0 3 * * *' });

    const res = await h.call<{ rescorePortfolio: { id: string; status: string } }>(RESCORE, { p: t.portfolioId }, t.keys.admin);
    expect(res.body.errors).toBeUndefined();
    const runId = res.body.data!.rescorePortfolio.id;
    expect(res.body.data!.rescorePortfolio.status).toBe('QUEUED');
    // The worker's part, in-process: plan, then every batch.
    const { pending } = await planScoringRun(h.db, scope, runId, 'test');
    for (const batchNo of pending) await scoreBatch(h.db, scope, runId, batchNo, cache);

    type Read = {
      scoringRun: { portfolioId: string; status: string; scoredCount: number };
      portfolio: {
        scoringRuns: { id: string }[];
        exposures: { nodes: { externalId: string; score: { pd: number; grade: string; contributions: { feature: string }[] } | null }[] };
      };
    };
    const read = await h.call<Read>(
      `query($id: ID!, $p: ID!) { scoringRun(id: $id) { portfolioId status scoredCount }
         portfolio(id: $p) { scoringRuns { id } exposures(first: 10) { nodes { externalId score { pd grade contributions { feature } } } } } }`,
      { id: runId, p: t.portfolioId },
      t.keys.read,
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data!.scoringRun).toEqual({ portfolioId: t.portfolioId, status: 'SUCCEEDED', scoredCount: 6 });
    expect(read.body.data!.portfolio.scoringRuns.map((r) => r.id)).toEqual([runId]);
    const scores = read.body.data!.portfolio.exposures.nodes.map((n) => n.score!);
    expect(scores).toHaveLength(6);
    for (const score of scores) {
      expect(score.pd).toBeGreaterThan(0);
      expect(score.grade.length).toBeGreaterThan(0);
    }
    // The run's job waits in the queue for the workers.
    const [job] = await runSql<{ n: string }>(
      inject('databaseUrl'),
      `SELECT count(*) AS n FROM pgboss.job WHERE name = 'score-portfolio' AND data->'payload'->>'runId' = $1`,
      [runId],
    );
    expect(job).toEqual({ n: '1' });
  });

  it('reads the overview figures, the PD trend, and the exposure table by PD with the change since the previous run', async () => {
    const scope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } } as const;
    // New payment history for the same day, then a second run: every PD moves.
    const cards = ['external_id,PAY_0,BILL_AMT1', ...Array.from({ length: 6 }, (_, i) => `${t.slug}-E${i},${4 - i},${i * 3000}`)].join(
      '\n',
    );
    expect((await loadFeatures(h.db, scope, { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: cards } })).ok).toBe(true);
    const res = await h.call<{ rescorePortfolio: { id: string } }>(RESCORE, { p: t.portfolioId }, t.keys.admin);
    const runId = res.body.data!.rescorePortfolio.id;
    const { pending } = await planScoringRun(h.db, scope, runId, 'test');
    for (const batchNo of pending) await scoreBatch(h.db, scope, runId, batchNo, cache);

    type Row = {
      externalId: string;
      score: { runId: string; pd: number; grade: string };
      previousScore: { runId: string; pd: number } | null;
    };
    type Read = {
      portfolio: {
        pdFigures: {
          runId: string;
          exposureCount: number;
          eadWeightedPd: number;
          expectedLoss: string;
          grades: { grade: string; exposureCount: number }[];
        };
        pdTrend: { runId: string; eadWeightedPd: number }[];
        byPd: { totalCount: number; nodes: Row[] };
        graded: { nodes: Row[] };
      };
    };
    const page = `totalCount nodes { externalId score { runId pd grade } previousScore { runId pd } }`;
    const read = await h.call<Read>(
      `query($p: ID!, $grade: String) { portfolio(id: $p) {
         pdFigures { runId exposureCount eadWeightedPd expectedLoss grades { grade exposureCount } }
         pdTrend(last: 5) { runId eadWeightedPd }
         byPd: exposures(first: 10, orderBy: { field: PD, direction: ASC }) { ${page} }
         graded: exposures(first: 10, filter: { grade: $grade }) { ${page} } } }`,
      { p: t.portfolioId, grade: null },
      t.keys.read,
    );
    expect(read.body.errors).toBeUndefined();
    const { pdFigures, pdTrend, byPd } = read.body.data!.portfolio;
    expect(pdFigures).toMatchObject({ runId, exposureCount: 6 });
    expect(pdTrend).toHaveLength(2);
    expect(pdTrend[0]!.runId).toBe(runId);
    expect(pdTrend[0]!.eadWeightedPd).not.toBe(pdTrend[1]!.eadWeightedPd);
    expect(pdFigures.grades.reduce((n, g) => n + g.exposureCount, 0)).toBe(6);

    expect(byPd.totalCount).toBe(6);
    const pds = byPd.nodes.map((n) => n.score.pd);
    expect(pds).toEqual([...pds].sort((a, b) => a - b));
    for (const row of byPd.nodes) {
      expect(row.score.runId).toBe(runId);
      expect(row.previousScore!.runId).toBe(pdTrend[1]!.runId);
      expect(row.previousScore!.pd).not.toBe(row.score.pd);
    }

    // Filtered by one grade of the run: exactly that grade's exposures.
    const grade = pdFigures.grades[0]!;
    const filtered = await h.call<Read>(
      `query($p: ID!, $grade: String) { portfolio(id: $p) { graded: exposures(first: 10, filter: { grade: $grade }) { ${page} } } }`,
      { p: t.portfolioId, grade: grade.grade },
      t.keys.read,
    );
    expect(filtered.body.data!.portfolio.graded.nodes.map((n) => n.score.grade)).toEqual(Array(grade.exposureCount).fill(grade.grade));
    const bad = await h.call(
      `query($p: ID!) { portfolio(id: $p) { exposures(first: 5, filter: { minPd: 1.5 }) { totalCount } } }`,
      { p: t.portfolioId },
      t.keys.read,
    );
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.minPd' });
  });
});
