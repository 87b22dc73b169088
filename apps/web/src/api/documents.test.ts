// Every query and mutation the dashboard sends must be valid against the API's schema (the SDL files
// the API serves). A renamed or removed field fails here instead of on a page.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Document } from './document.ts';
import * as identity from './documents/identity.ts';
import * as portfolios from './documents/portfolios.ts';
import * as exposures from './documents/exposures.ts';
import * as obligors from './documents/obligors.ts';
import * as apiKeys from './documents/api-keys.ts';
import * as audit from './documents/audit.ts';

const modulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../api/src/modules');

function loadSchema() {
  const sdl = readdirSync(modulesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(path.join(modulesDir, entry.name))
        .filter((file) => file.endsWith('.graphql'))
        .map((file) => path.join(modulesDir, entry.name, file)),
    )
    .sort((a, b) => Number(!a.includes(`${path.sep}common${path.sep}`)) - Number(!b.includes(`${path.sep}common${path.sep}`)))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  return buildSchema(sdl);
}

const isDocument = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { source?: unknown }).source === 'string';

const modules: Record<string, unknown> = { ...identity, ...portfolios, ...exposures, ...obligors, ...apiKeys, ...audit };
const documents = Object.entries(modules)
  .filter(([, value]) => isDocument(value))
  .map(([name, value]) => [name, value as Document<unknown, unknown>] as const);

describe('GraphQL documents', () => {
  const schema = loadSchema();

  it('covers every module the dashboard uses', () => {
    expect(documents.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'ME',
        'PORTFOLIO_LIST',
        'PORTFOLIO_OVERVIEW',
        'PORTFOLIO_EXPOSURES',
        'EXPOSURE',
        'UPDATE_EXPOSURE',
        'OBLIGOR',
        'API_KEYS',
        'CREATE_API_KEY',
        'REVOKE_API_KEY',
        'AUDIT_LOG',
        'CREATE_PORTFOLIO',
      ]),
    );
  });

  it.each(documents)('%s is valid against the API schema', (_name, document) => {
    const errors = validate(schema, parse(document.source));
    expect(errors.map((error) => error.message)).toEqual([]);
  });

  it('rejects a document with an unknown field (the check can fail)', () => {
    const errors = validate(schema, parse('query { me { id shoeSize } }'));
    expect(errors.map((error) => error.message).join()).toContain('shoeSize');
  });
});
