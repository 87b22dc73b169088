import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createApiKey, createDatabase, seedDemo } from '@probity/db';
import { childEnvironment, createFreshDatabase, findTestServer, freePort } from '@probity/db/testing';
const here = path.dirname(fileURLToPath(import.meta.url));
const QUERY = `query Summary($id: ID!) { portfolio(id: $id) { summary { exposureCount totalEad totalLimit utilisation eadBySegment { key ead } eadBySector { key ead } } } }`;
const server = await findTestServer();
const database = await createFreshDatabase(server.url, 'benchprof');
const seeded = await seedDemo(database.url);
const db = createDatabase({ connectionString: database.url });
const { key } = await createApiKey(db, { organizationId: seeded.organizationId, actor: { kind: 'system', name: 'bench' } }, { name: 'bench', scopes: ['READ'] });
await db.close();
const apiPort = await freePort();
const child = spawn(process.execPath, [...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir', '/tmp/api-prof'] : []), '--import', 'tsx', path.join(here, '../src/main.ts')], {
  env: childEnvironment({ DATABASE_URL: database.url, API_PORT: String(apiPort), PROBITY_SERVICE_TOKEN_SECRET: 'b'.repeat(40), LOG_LEVEL: 'warn', NODE_ENV: 'production' }),
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (let i = 0; i < 120; i++) { if (await fetch(`http://127.0.0.1:${apiPort}/readyz`).then((r) => r.status < 500, () => false)) break; await new Promise((r) => setTimeout(r, 250)); }
const url = `http://127.0.0.1:${apiPort}/graphql`;
const body = JSON.stringify({ query: QUERY, variables: { id: seeded.retailPortfolioId } });
const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
await autocannon({ url, method: 'POST', headers, body, connections: 10, duration: 2 });
const r = await autocannon({ url, method: 'POST', headers, body, connections: 10, duration: Number(process.env.DUR ?? 10) });
console.log('req/s', r.requests.average, 'p99', r.latency.p99, 'non2xx', r.non2xx);
child.kill('SIGINT');
await new Promise((r) => child.once('exit', r));
await database.drop();
await server.stop();
