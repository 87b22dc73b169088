// Vitest global setup for integration tests: one fresh, migrated database per test run, dropped at the
// end. Tests read its URL with `inject('databaseUrl')`.
import type { TestProject } from 'vitest/node';
import { findTestServer } from './server.ts';
import { createFreshDatabase } from './database.ts';

import './provided-context.ts';

export default async function setup(project: TestProject) {
  const server = await findTestServer();
  const database = await createFreshDatabase(server.url, 'test');
  project.provide('databaseUrl', database.url);
  project.provide('databaseServerUrl', server.url);
  return async () => {
    await database.drop();
    await server.stop();
  };
}
