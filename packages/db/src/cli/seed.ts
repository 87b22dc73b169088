// Seeds the demo into DATABASE_URL (already migrated).
import { seedDemo } from '../seed/index.ts';
import { requireDatabaseUrl } from './env.ts';

const url = requireDatabaseUrl();
const started = Date.now();
const summary = await seedDemo(url);
console.log(`demo seeded in ${Date.now() - started} ms (${summary.newExposures} new exposures)`);
