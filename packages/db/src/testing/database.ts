// A fresh, migrated database per test run, dropped afterwards. Replaying every migration takes seconds
// (the schema engine, then each folder's SQL); copying a migrated database takes under one. So the
// first fresh database on a server migrates a template named after the migrations' content hash, and
// every later one is `CREATE DATABASE … TEMPLATE` of it (migrations.int.test.ts still migrates from
// scratch). A changed migration gets a new template; old ones are left for an admin to drop
// (`probity_tpl_*`, about 10 MB each), since another checkout may still be cloning them.
import { createHash, randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withAdminClient } from '../server/admin.ts';
import { withDatabase } from '../server/connection-url.ts';
import { migrateDatabase } from '../migrations/migrate.ts';
import { readMigrationList } from '../migrations/migration-list.ts';
import { migrationsDir } from '../migrations/paths.ts';

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createFreshDatabase(serverUrl: string, label = 'test', options: { migrate?: boolean } = {}): Promise<FreshDatabase> {
  const name = uniqueName(label);
  const url = withDatabase(serverUrl, name);
  if (options.migrate === false) await ensureDatabase(url);
  else await cloneDatabase(serverUrl, await migratedTemplate(serverUrl), name);
  return { url, drop: () => dropDatabase(url) };
}

function uniqueName(label: string): string {
  return `probity_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

// Every fresh database asks for the template's name. The migrations do not change while a test process
// runs, so they are read and hashed once per directory, not once per database (31 files: 4 to 28 ms a
// time here). A failed read is forgotten, so the next call tries again.
const templateNames = new Map<string, Promise<string>>();

function templateName(dir = migrationsDir): Promise<string> {
  let name = templateNames.get(dir);
  if (!name) {
    name = hashMigrations(dir);
    templateNames.set(dir, name);
    name.catch(() => templateNames.delete(dir));
  }
  return name;
}

async function hashMigrations(dir: string): Promise<string> {
  const list = await readMigrationList(dir);
  const hash = createHash('sha256');
  for (const folder of list.migrationDirectories) {
    hash.update(`${folder.path}\0${folder.migrationFile.content.value}\0`);
  }
  hash.update(list.lockfile.content ?? '');
  return `probity_tpl_${hash.digest('hex').slice(0, 16)}`;
}

/**
 * The server's template for the current migrations, made when missing: migrated under a scratch name,
 * then renamed, so the template's name exists only once it is complete (two makers at once: one
 * rename wins, the other drops its copy). It accepts no connections, so nothing can block a copy.
 */
async function migratedTemplate(serverUrl: string): Promise<string> {
  const template = await templateName();
  const exists = async () =>
    withAdminClient(
      serverUrl,
      async (c) => ((await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount ?? 0) > 0,
    );
  if (await exists()) return template;
  const scratch = uniqueName('tplmake');
  const scratchUrl = withDatabase(serverUrl, scratch);
  await ensureDatabase(scratchUrl);
  try {
    await migrateDatabase(scratchUrl);
    await withAdminClient(serverUrl, async (c) => {
      // The migrator's connections may still be closing on the server side (55006: in use).
      for (let attempt = 1; ; attempt += 1) {
        try {
          await c.query(`ALTER DATABASE ${c.escapeIdentifier(scratch)} RENAME TO ${c.escapeIdentifier(template)}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006' || attempt === 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await c.query(`ALTER DATABASE ${c.escapeIdentifier(template)} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
    });
  } catch (error) {
    await dropDatabase(scratchUrl);
    if ((error as { code?: string }).code !== '42P04' || !(await exists())) throw error; // 42P04: made concurrently
  }
  return template;
}

async function cloneDatabase(serverUrl: string, template: string, name: string): Promise<void> {
  await withAdminClient(serverUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE ${c.escapeIdentifier(template)}`));
}
