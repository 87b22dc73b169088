// Compares a live database with prisma/schema.prisma. The SQL returned is what would bring the
// database to the schema; an empty string means they match.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { openSchemaEngine } from './schema-engine.ts';
import { schemaPath } from './paths.ts';

export async function schemaDrift(connectionString: string): Promise<string> {
  const datamodel = await readFile(schemaPath, 'utf8');
  const files = [{ path: 'schema.prisma', content: datamodel }];
  const { engine, close } = await openSchemaEngine({ connectionString, datamodel });
  try {
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: path.dirname(schemaPath) },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.exitCode === 0 ? '' : (result.stdout ?? '').trim();
  } finally {
    await close();
  }
}
