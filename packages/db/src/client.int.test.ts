import { describe, expect, it, inject } from 'vitest';
import { createDatabase, ping, prismaOf } from './client.ts';
import { freePort } from './testing/server.ts';

describe('database handle', () => {
  it('pings a live database and rejects when nothing answers', async () => {
    const live = createDatabase({ connectionString: inject('databaseUrl'), poolSize: 1 });
    const dead = createDatabase({ connectionString: `postgresql://postgres@127.0.0.1:${await freePort()}/none`, poolSize: 1 });
    try {
      await expect(ping(live)).resolves.toBeUndefined();
      await expect(ping(dead)).rejects.toThrow();
    } finally {
      await Promise.all([live.close(), dead.close()]);
    }
  });

  it('keeps the Prisma client off the handle', async () => {
    const db = createDatabase({ connectionString: inject('databaseUrl'), poolSize: 1 });
    expect(Object.keys(db).sort()).toEqual(['close', 'connectionString']);
    expect(prismaOf(db)).toBeDefined();
    expect(() => prismaOf({ connectionString: 'x', close: async () => {} })).toThrow(/createDatabase/);
    await db.close();
  });
});
