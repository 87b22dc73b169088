// Developer tool: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes a
// database migrated to the latest folder to what prisma/schema.prisma describes. Works offline: the
// current state comes from a scratch database migrated with our runner, not from a shadow database.
//   npm run migration:new -w @probity/db -- add_ratings
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { schemaDrift } from '../migrations/drift.ts';
import { migrationsDir } from '../migrations/paths.ts';
import { createFreshDatabase, findTestServer } from '../testing/index.ts';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: new-migration <snake_case_name>');
  process.exit(2);
}

const server = await findTestServer();
const scratch = await createFreshDatabase(server.url, 'scratch');
try {
  const sql = await schemaDrift(scratch.url);
  if (!sql) {
    console.log('schema.prisma matches the migrations: nothing to write.');
  } else {
    const stamp = new Date()
      .toISOString()
      .replace(/[-:TZ.]/g, '')
      .slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), `${sql.replace('-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n', '')}\n`);
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql; review it, then add grants/policies for new tables.`);
  }
} finally {
  await scratch.drop();
  await server.stop();
}
