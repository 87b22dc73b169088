// Runs one job right away in this process, without the queue:
//   npm run job -w @probity/worker -- <job-id> ['<payload JSON>']
// e.g. `npm run job -w @probity/worker -- snapshot-portfolios '{"asOf":"2026-01-31"}'`.
import { createDatabase } from '@probity/db';
import { createJobClient, isJobId, jobContract, sealPayload } from '@probity/jobs';
import { createLogger } from '@probity/logging';
import { readEnv } from '../env.ts';
import { workerJobs } from '../jobs/registry.ts';
import { runJob } from '../jobs/run.ts';
import { workerIdentity } from '../training/identity.ts';

const [id, payloadJson = '{}'] = process.argv.slice(2);
if (!id || !isJobId(id)) {
  console.error(`Usage: run-job <job-id> ['<payload JSON>']; jobs: ${workerJobs.map((job) => job.contract.id).join(', ')}`);
  process.exit(2);
}
const job = workerJobs.find((candidate) => candidate.contract.id === id)!;
const env = readEnv();
const log = createLogger('worker', env.LOG_LEVEL);
const db = createDatabase({ connectionString: env.DATABASE_URL, poolSize: 2 });
const jobs = await createJobClient({ connectionString: env.DATABASE_URL, applicationName: 'probity-run-job' });
try {
  const output = await runJob(job, sealPayload(jobContract(id), JSON.parse(payloadJson)), {
    db,
    log,
    runId: 'cli',
    jobs,
    env,
    worker: workerIdentity(env),
    shutdown: new AbortController().signal,
    finalAttempt: true, // nothing retries a job run by hand
  });
  console.log(JSON.stringify(output));
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await jobs.close();
  await db.close();
}
