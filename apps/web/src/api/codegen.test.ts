// The dashboard's operation types follow the API's schema: generating them against a schema where a
// field the dashboard uses was renamed fails, naming the field (`npm run typecheck` runs this
// generation first, so it fails the same way). The unchanged schema generates cleanly.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { afterAll, describe, expect, it } from 'vitest';
import config from '../../codegen.ts';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const published = readFileSync(path.join(webRoot, '../api/schema.graphql'), 'utf8');
const work = mkdtempSync(path.join(tmpdir(), 'probity-codegen-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the dashboard's codegen configuration against another schema, writing into a scratch folder. */
async function generateAgainst(sdl: string): Promise<string> {
  const schemaFile = path.join(work, `schema-${Math.random().toString(36).slice(2)}.graphql`);
  writeFileSync(schemaFile, sdl);
  const [target, output] = Object.entries(config.generates)[0]!;
  const outDir = path.join(work, path.basename(schemaFile, '.graphql'), '/');
  await generate(
    {
      ...config,
      cwd: webRoot,
      silent: true,
      schema: schemaFile,
      generates: { [outDir]: output },
    },
    true,
  );
  expect(target).toBe('src/api/generated/');
  return readFileSync(path.join(outDir, 'graphql.ts'), 'utf8');
}

describe('operation types generated from the schema', () => {
  it('generates the committed types from the published schema', async () => {
    const types = await generateAgainst(published);
    expect(types).toBe(readFileSync(path.join(webRoot, 'src/api/generated/graphql.ts'), 'utf8'));
  });

  it('fails when the schema renames a field an operation asks for', async () => {
    const renamed = published.replace(/^(\s+)utilisation: Decimal$/gm, '$1utilization: Decimal');
    expect(renamed).not.toBe(published);
    await expect(generateAgainst(renamed)).rejects.toThrow(/Cannot query field "utilisation"/);
  });
});
