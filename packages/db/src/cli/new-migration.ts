// Developer tool: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes a
// database migrated to the latest folder to what prisma/schema.prisma describes. Works offline: the
// current state comes from a scratch database migrated with our runner, not from a shadow database.
//   npm run migration:new -w @probity/db -- add_ratings
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openSchemaEngine } from '../migrations/schema-engine.ts';
import { migrationsDir, schemaPath } from '../migrations/paths.ts';
import { createFreshDatabase, findTestServer } from '../testing/index.ts';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: new-migration <snake_case_name>');
  process.exit(2);
}

const server = await findTestServer();
const scratch = await createFreshDatabase(server.url, 'scratch');
try {
  const datamodel = await readFile(schemaPath, 'utf8');
  const { engine, close } = await openSchemaEngine({ connectionString: scratch.url, datamodel });
  const files = [{ path: 'schema.prisma', content: datamodel }];
  const result = await engine.diff({
    from: { tag: 'schemaDatasource', files, configDir: path.dirname(schemaPath) },
    to: { tag: 'schemaDatamodel', files },
    script: true,
    exitCode: true,
    filters: { externalTables: [], externalEnums: [] },
  });
  await close();
  if (result.exitCode === 0) {
    console.log('schema.prisma matches the migrations: nothing to write.');
  } else {
    const stamp = new Date().toISOString().replace(/[-:TZ.]/g, '').slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), (result.stdout ?? '').replace('-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n', ''));
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql; review it, then add grants/policies for new tables.`);
  }
} finally {
  await scratch.drop();
  await server.stop();
}
