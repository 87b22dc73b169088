// Queue creation when several processes start at once (the API and the worker do, in every
// deployment): each must end up with the queues, none may fail on PostgreSQL's deadlock detector.
import { afterAll, describe, expect, it, inject } from 'vitest';
import PgBoss from 'pg-boss';
import '@probity/db/testing';
import { z } from 'zod';
import { defineJob } from './define.ts';
import { ensureQueue, PGBOSS_SCHEMA } from './queues.ts';

const bosses: PgBoss[] = [];

afterAll(async () => {
  await Promise.all(bosses.map((boss) => boss.stop({ graceful: false })));
});

async function startBoss(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: inject('databaseUrl'), schema: PGBOSS_SCHEMA, supervise: false, schedule: false, max: 2 });
  bosses.push(boss);
  await boss.start();
  return boss;
}

describe('ensureQueue', () => {
  it('creates the same new queues from four processes at once', async () => {
    const suffix = `${process.pid}-${Date.now()}`;
    const contracts = Array.from({ length: 6 }, (_, i) =>
      defineJob({ id: `race-${suffix}-${i}`, version: 1, description: 'race test', payload: z.object({}), queue: { retryLimit: 2 } }),
    );
    const racers = await Promise.all(Array.from({ length: 4 }, () => startBoss()));
    await Promise.all(
      racers.map(async (boss) => {
        for (const contract of contracts) await ensureQueue(boss, contract, { applySettings: true });
      }),
    );
    for (const contract of contracts) {
      expect(await racers[0]!.getQueue(contract.id)).toEqual(expect.objectContaining({ name: contract.id, retryLimit: 2 }));
      await racers[0]!.deleteQueue(contract.id);
    }
  });
});
