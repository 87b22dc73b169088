// The API enqueues jobs through @probity/jobs' typed client: the worker (not started here) picks them
// up from the same database. A risk officer queues today's snapshots for their own organization only.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createJobClient, type JobClient } from '@probity/jobs';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let t: TenantWithKeys;
let jobs: JobClient;

beforeAll(async () => {
  h = await startHarness();
  t = await tenantWithKeys(h.db, 'jobs', 2);
  jobs = await createJobClient({ connectionString: inject('databaseUrl') });
});
afterAll(async () => {
  await jobs?.close();
  await h?.close();
});

const TAKE = 'mutation($asOf: Date) { takePortfolioSnapshots(asOf: $asOf) { id name } }';

describe('takePortfolioSnapshots', () => {
  it("queues snapshot-portfolios for the caller's organization, once per waiting day", async () => {
    const officer = await t.token('RISK_OFFICER');
    const res = await h.call<{ takePortfolioSnapshots: { id: string | null; name: string } }>(TAKE, { asOf: '2026-06-30' }, officer);
    expect(res.body.errors).toBeUndefined();
    const { id, name } = res.body.data!.takePortfolioSnapshots;
    expect(name).toBe('snapshot-portfolios');
    expect(await jobs.get('snapshot-portfolios', id!)).toEqual(
      expect.objectContaining({ state: 'created', payload: { asOf: '2026-06-30', organizationId: t.organizationId } }),
    );
    const again = await h.call<{ takePortfolioSnapshots: { id: string | null } }>(TAKE, { asOf: '2026-06-30' }, officer);
    expect(again.body.data!.takePortfolioSnapshots.id).toBeNull();
  });

  it('is refused below RISK_OFFICER and for a date that is not YYYY-MM-DD', async () => {
    const analyst = await h.call(TAKE, {}, await t.token('ANALYST'));
    expect(analyst.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badDate = await h.call(TAKE, { asOf: '30/06/2026' }, await t.token('ADMIN'));
    expect(badDate.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
