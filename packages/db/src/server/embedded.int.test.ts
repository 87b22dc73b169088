// The embedded PostgreSQL that `npm start` runs when there is no DATABASE_URL, started the way a
// newcomer's checkout starts it: from a private (mode 700) folder. As root (CI) this is the case where
// PostgreSQL's `postgres` user cannot reach the checkout, so the binaries and the cluster must live
// elsewhere; as a normal user the cluster stays where it was asked to be.
import { lstat, mkdtemp, readlink, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../testing/server.ts';
import { canConnect } from './admin.ts';
import { startEmbeddedPostgres } from './embedded.ts';

const root = userInfo().uid === 0;
const privateDir = await mkdtemp(path.join(tmpdir(), 'probity-private-')); // mkdtemp makes it 700
afterAll(() => rm(privateDir, { recursive: true, force: true }));

describe('embedded PostgreSQL from a private folder', () => {
  it('initialises, serves queries, survives a restart with its data and stops', async () => {
    const requested = path.join(privateDir, 'checkout', '.probity', 'postgres');
    const port = await freePort();
    const options = { dataDir: requested, port, password: 'secret-Ω', persistent: true };

    const first = await startEmbeddedPostgres(options);
    if (root) {
      expect(first.dataDir.startsWith('/var/lib/probity/')).toBe(true);
      expect((await lstat(requested)).isSymbolicLink()).toBe(true);
      expect(await readlink(requested)).toBe(first.dataDir);
    } else {
      expect(first.dataDir).toBe(requested);
    }
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    const owner = await client.query<{ superuser: string }>('SELECT current_user AS superuser');
    expect(owner.rows[0]?.superuser).toBe('postgres');
    await client.end();
    await first.stop();
    expect(await canConnect(first.url, 500)).toBe(false);

    const second = await startEmbeddedPostgres({ ...options, persistent: false });
    expect(second.dataDir).toBe(first.dataDir);
    const again = new pg.Client({ connectionString: second.url });
    await again.connect();
    expect((await again.query<{ n: number }>('SELECT n FROM kept')).rows).toEqual([{ n: 42 }]);
    await again.end();
    await second.stop();
    await expect(lstat(second.dataDir)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a wrong password (scram-sha-256, not trust)', async () => {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(privateDir, 'auth'),
      port: await freePort(),
      password: 'right',
      persistent: false,
    });
    try {
      expect(await canConnect(server.url)).toBe(true);
      expect(await canConnect(server.url.replace(':right@', ':wrong@'))).toBe(false);
    } finally {
      await server.stop();
    }
  });
});
