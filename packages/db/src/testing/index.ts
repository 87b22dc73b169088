import './provided-context.ts';
export { describeTestServer, findTestServer, freePort, type TestServer } from './server.ts';
export { createFreshDatabase, type FreshDatabase } from './database.ts';
export { createTenantFixture, type TenantFixture } from './tenant-fixture.ts';
export { startServiceProcess, type ServiceProcess } from './service-process.ts';
export { childEnvironment } from './env.ts';
export { runSql } from './sql.ts';
export { insertPlaceholderChampion } from './placeholder-model.ts';
export { insertBandedScores, insertSucceededRun } from './succeeded-run.ts';
