// Applies prisma/migrations to a database. Idempotent: already-applied migrations are skipped, and the
// engine records each one in _prisma_migrations exactly like `prisma migrate deploy`.
import { readFile } from 'node:fs/promises';
import { openSchemaEngine } from './schema-engine.ts';
import { readMigrationList } from './migration-list.ts';
import { migrationsDir, schemaPath } from './paths.ts';

const noFilter = { externalTables: [], externalEnums: [] };

export interface MigrateResult {
  applied: string[];
}

export async function migrateDatabase(connectionString: string, dir = migrationsDir): Promise<MigrateResult> {
  const datamodel = await readFile(schemaPath, 'utf8');
  const { engine, close } = await openSchemaEngine({ connectionString, datamodel });
  try {
    const migrationsList = await readMigrationList(dir);
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilter });
    return { applied: appliedMigrationNames };
  } finally {
    await close();
  }
}

/** Names of migrations in the folder that the database has not applied (empty when up to date). */
export async function pendingMigrations(connectionString: string, dir = migrationsDir): Promise<string[]> {
  const datamodel = await readFile(schemaPath, 'utf8');
  const { engine, close } = await openSchemaEngine({ connectionString, datamodel });
  try {
    const migrationsList = await readMigrationList(dir);
    const result = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: noFilter,
    });
    if (!result.hasMigrationsTable) return migrationsList.migrationDirectories.map((d) => d.path);
    const history = result.history;
    if (history === null) return [];
    if (history.diagnostic === 'databaseIsBehind' || history.diagnostic === 'historiesDiverge') {
      return history.unappliedMigrationNames;
    }
    return [];
  } finally {
    await close();
  }
}
