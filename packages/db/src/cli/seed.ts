// Seeds the demo into DATABASE_URL (already migrated).
import { seedDemo } from '../seed/index.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set.');
  process.exit(2);
}
const started = Date.now();
const summary = await seedDemo(url);
console.log(`demo seeded in ${Date.now() - started} ms (${summary.newExposures} new exposures)`);
