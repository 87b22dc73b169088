// The client against real pg-boss on the test database: queues are created on start, a valid job is
// stored sealed with its version, an invalid one is refused before anything is written.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import PgBoss from 'pg-boss';
import '@probity/db/testing';
import { createJobClient, type JobClient } from './client.ts';
import { PGBOSS_SCHEMA } from './queues.ts';
import { JobPayloadError } from './envelope.ts';

let client: JobClient;
let boss: PgBoss;

beforeAll(async () => {
  client = await createJobClient({ connectionString: inject('databaseUrl'), applicationName: 'probity-jobs-test' });
  boss = new PgBoss({ connectionString: inject('databaseUrl'), schema: PGBOSS_SCHEMA, supervise: false, schedule: false, max: 1 });
  await boss.start();
});
afterAll(async () => {
  await client?.close();
  await boss?.stop({ graceful: false });
});

describe('job client', () => {
  it('creates the queue with the contract settings', async () => {
    expect(await boss.getQueue('snapshot-portfolios')).toEqual(
      expect.objectContaining({ name: 'snapshot-portfolios', policy: 'stately', retryLimit: 3, retryDelay: 60, retryBackoff: true }),
    );
  });

  it('enqueues a sealed, validated payload and reads its state back', async () => {
    const id = await client.enqueue('snapshot-portfolios', { asOf: '2026-05-01' });
    expect(id).toBeTruthy();
    const raw = await boss.getJobById<unknown>('snapshot-portfolios', id!);
    expect(raw?.data).toEqual({ version: 1, payload: { asOf: '2026-05-01' } });
    expect(await client.get('snapshot-portfolios', id!)).toEqual(
      expect.objectContaining({ id, jobId: 'snapshot-portfolios', state: 'created', payload: { asOf: '2026-05-01' } }),
    );
    await boss.deleteJob('snapshot-portfolios', id!);
  });

  it('refuses an invalid payload without queueing anything', async () => {
    const before = await boss.getQueueSize('snapshot-portfolios');
    await expect(client.enqueue('snapshot-portfolios', { asOf: 'next Tuesday' })).rejects.toThrow(JobPayloadError);
    expect(await boss.getQueueSize('snapshot-portfolios')).toBe(before);
  });

  it('enqueues many jobs of a queue in one go, sealed, with the options given', async () => {
    const organizationId = '0190b3a4-0000-7000-8000-000000000001';
    const runId = '0190b3a4-0000-7000-8000-000000000002';
    const ids = await client.enqueueMany(
      'score-batch',
      [0, 1, 2].map((batchNo) => ({ organizationId, runId, batchNo })),
      { expireInSeconds: 42, priority: 3 },
    );
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    for (const [batchNo, id] of ids.entries()) {
      const raw = await boss.getJobById<unknown>('score-batch', id);
      expect(raw?.data).toEqual({ version: 1, payload: { organizationId, runId, batchNo } });
      expect(raw).toEqual(expect.objectContaining({ state: 'created', priority: 3 }));
      expect(raw?.expireIn).toEqual(expect.objectContaining({ seconds: 42 }));
    }
    // Workers take them in the order given, though they share their creation time.
    const taken = await boss.fetch<{ payload: { runId: string; batchNo: number } }>('score-batch', { batchSize: 100 });
    expect(taken.filter((job) => job.data.payload.runId === runId).map((job) => job.data.payload.batchNo)).toEqual([0, 1, 2]);
    for (const id of ids) await boss.deleteJob('score-batch', id);
  });

  it('queues none of many jobs when one payload is invalid', async () => {
    const before = await boss.getQueueSize('score-batch');
    const organizationId = '0190b3a4-0000-7000-8000-000000000001';
    await expect(
      client.enqueueMany('score-batch', [
        { organizationId, runId: organizationId, batchNo: 0 },
        { organizationId, runId: organizationId, batchNo: -1 },
      ]),
    ).rejects.toThrow(JobPayloadError);
    expect(await boss.getQueueSize('score-batch')).toBe(before);
  });

  it('delays many jobs to a given time, and refuses a time that is not one', async () => {
    const at = new Date(Date.now() + 3_600_000);
    const organizationId = '0190b3a4-0000-7000-8000-000000000001';
    const [id] = await client.enqueueMany('score-batch', [{ organizationId, runId: organizationId, batchNo: 7 }], { startAfter: at });
    expect((await boss.getJobById('score-batch', id!))?.startAfter.getTime()).toBe(at.getTime());
    await boss.deleteJob('score-batch', id!);
    await expect(
      client.enqueueMany('score-batch', [{ organizationId, runId: organizationId, batchNo: 8 }], { startAfter: 'soon' }),
    ).rejects.toThrow(/startAfter/);
  });
});
