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
});
