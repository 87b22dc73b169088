// Liveness and readiness. /healthz: the process answers. /readyz: the database answers and every
// migration in prisma/migrations is applied (checked once, then re-checked while not ready).
import { pendingMigrations, ping, type Database } from '@probity/db';

export function createReadiness(db: Database) {
  let migrationsApplied = false;
  return async (): Promise<{ ready: boolean; checks: Record<string, string> }> => {
    const checks: Record<string, string> = {};
    try {
      await ping(db);
      checks.database = 'ok';
    } catch (error) {
      checks.database = `unreachable: ${(error as Error).message.split('\n')[0]}`;
    }
    if (!migrationsApplied && checks.database === 'ok') {
      try {
        const pending = await pendingMigrations(db.connectionString);
        migrationsApplied = pending.length === 0;
        checks.migrations = migrationsApplied ? 'ok' : `pending: ${pending.join(', ')}`;
      } catch (error) {
        checks.migrations = `unknown: ${(error as Error).message.split('\n')[0]}`;
      }
    } else if (migrationsApplied) {
      checks.migrations = 'ok';
    }
    return { ready: checks.database === 'ok' && checks.migrations === 'ok', checks };
  };
}
