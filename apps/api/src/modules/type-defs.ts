// The SDL of every module, in dependency order (common first: the others extend its Query and Mutation).
import { readFileSync } from 'node:fs';

export const MODULES = [
  'common',
  'identity',
  'portfolio',
  'snapshot',
  'api-key',
  'audit',
  'model',
  'feature',
  'scoring',
  'risk',
  'monitoring',
  'what-if',
] as const;

export const typeDefs = MODULES.map((name) => readFileSync(new URL(`./${name}/schema.graphql`, import.meta.url), 'utf8'));
