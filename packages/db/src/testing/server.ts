// Finds a PostgreSQL server for tests and tools: DATABASE_URL's server when set, else a local server on
// 127.0.0.1:5432 when one answers, else a throwaway embedded one. PROBITY_TEST_SERVER=embedded takes the
// embedded one at once: benchmarks then measure the PostgreSQL a newcomer's `npm start` runs.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { canConnect, withAdminClient } from '../server/admin.ts';
import { startEmbeddedPostgres } from '../server/embedded.ts';
import { testEnv } from './env.ts';

export interface TestServer {
  /** URL of the server (its `postgres` database); tests create their own databases on it. */
  url: string;
  source: 'DATABASE_URL' | 'local' | 'embedded';
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function findTestServer(): Promise<TestServer> {
  if (testEnv.server !== undefined && testEnv.server !== 'embedded') {
    throw new Error(`PROBITY_TEST_SERVER must be 'embedded' or unset, not '${testEnv.server}'`);
  }
  if (testEnv.server === 'embedded') return startThrowawayServer();
  if (testEnv.databaseUrl) return { url: testEnv.databaseUrl, source: 'DATABASE_URL', stop: async () => {} };
  if (await canConnect(testEnv.localServerUrl)) return { url: testEnv.localServerUrl, source: 'local', stop: async () => {} };
  return startThrowawayServer();
}

/**
 * The server a benchmark measured, for its log and results: "PostgreSQL 15.20 (Debian 15.20-0+deb12u1)
 * (local)". Figures differ between versions and between a local and the embedded server.
 */
export async function describeTestServer(server: Pick<TestServer, 'url' | 'source'>): Promise<string> {
  const version = await withAdminClient(
    server.url,
    async (c) => (await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v,
  );
  return `PostgreSQL ${version} (${server.source})`;
}

async function startThrowawayServer(): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'probity-pg-'));
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'data'),
    port: await freePort(),
    password: randomBytes(12).toString('hex'),
    persistent: false,
  });
  return {
    url: embedded.url,
    source: 'embedded',
    stop: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
