// The README's "whole flow with API keys" block, run as it stands (bash, curl, jq) against the real API
// and a real worker process on a database of their own: upload, train, poll, submit, a refused
// self-approval, approval by a second admin's key, promotion. And the rule the README explains: four-eyes
// compares people, so a second key of the same admin cannot approve.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createApiKey, listModelVersions, type TenantScope } from '@probity/db';
import { childEnvironment, createFreshDatabase, createTenantFixture, freePort, startServiceProcess } from '@probity/db/testing';
import type { FreshDatabase, ServiceProcess, TenantFixture } from '@probity/db/testing';
import { startHarness, type Harness } from './harness.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const README = readFileSync(new URL('README.md', `file://${root}`), 'utf8');

/** The bash block under the README's heading. */
function readmeBlock(heading: string): string {
  const section = README.slice(README.indexOf(heading));
  const match = /```bash\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error(`no bash block under ${heading}`);
  return match[1]!;
}

let database: FreshDatabase;
let h: Harness;
let worker: ServiceProcess;
let t: TenantFixture;
const keys = { a: '', b: '', aSecond: '' };

beforeAll(async () => {
  for (const tool of ['curl', 'jq']) execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }); // the README needs both
  database = await createFreshDatabase(inject('databaseServerUrl'), 'readme_flow');
  h = await startHarness({ DATABASE_URL: database.url });
  t = await createTenantFixture(database.url, { label: 'readme', exposures: 1 });
  const asUser = (userId: string): TenantScope => ({ organizationId: t.organizationId, actor: { kind: 'user', userId } });
  keys.a = (await createApiKey(h.db, asUser(t.users.ADMIN.id), { name: 'A', scopes: ['ADMIN'] })).key;
  keys.aSecond = (await createApiKey(h.db, asUser(t.users.ADMIN.id), { name: 'A again', scopes: ['ADMIN'] })).key;
  // As the README says for the demo: the admin makes the officer an admin, who then creates their own key.
  const promoted = await h.call(
    `mutation($u: ID!) { changeMemberRole(userId: $u, role: ADMIN) { role } }`,
    { u: t.users.RISK_OFFICER.id },
    keys.a,
  );
  expect(promoted.body.errors).toBeUndefined();
  keys.b = (await createApiKey(h.db, asUser(t.users.RISK_OFFICER.id), { name: 'B', scopes: ['ADMIN'] })).key;
  const port = await freePort();
  worker = startServiceProcess(fileURLToPath(new URL('../../worker/src/main.ts', import.meta.url)), {
    DATABASE_URL: database.url,
    WORKER_PORT: String(port),
    LOG_LEVEL: 'warn',
  });
  if (!(await worker.waitUntilReady(`http://127.0.0.1:${port}/readyz`, 90_000)))
    throw new Error(`worker did not start:\n${worker.output()}`);
}, 180_000);

afterAll(async () => {
  worker?.kill('SIGTERM');
  await worker?.exited;
  await h?.close();
  await database?.drop();
});

function runBash(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-eo', 'pipefail', '-c', script], {
      cwd: root,
      env: childEnvironment(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the README's API-key flow", () => {
  it('runs as written: upload, train, poll, submit, refused self-approval, approval by a second admin, promotion', async () => {
    // The block sets API itself (the default port); point it at this test's API instead.
    const script = readmeBlock('### The whole flow with API keys').replace(/^API=.*$/m, `API=${h.api.url.replace(/\/graphql$/, '')}`);
    const run = await runBash(script, { A_KEY: keys.a, B_KEY: keys.b });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/"status":"SUCCEEDED","progress":.*"metrics":\{"testAuc":0\.7\d+/);
    expect(out).toContain('{"data":{"transitionModelVersion":{"status":"VALIDATED"}}}');
    expect(out).toContain('{"code":"CONFLICT","message":"approver: four-eyes: you trained this version, so someone else must approve it"}');
    expect(out).toContain(`{"data":{"transitionModelVersion":{"status":"APPROVED","approvedBy":{"name":"${'RISK_OFFICER of '}`);
    expect(out).toMatch(
      /\{"data":\{"transitionModelVersion":\{"status":"CHAMPION","model":\{"champion":\{"id":"[0-9a-f-]{36}","version":1\}\}\}\}\}/,
    );

    const models = await h.call<{ models: { nodes: { id: string; name: string }[] } }>(`{ models { nodes { id name } } }`, {}, keys.a);
    const model = models.body.data!.models.nodes.find((m) => m.name === 'Retail PD')!;
    const scope: TenantScope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } };
    const [version] = await listModelVersions(h.db, scope, model.id);
    expect(version).toMatchObject({
      status: 'CHAMPION',
      trainedById: t.users.ADMIN.id,
      approvedById: t.users.RISK_OFFICER.id,
      approvalComment: 'AUC and calibration within appetite',
    });
  }, 300_000);

  it('a second key of the same admin is the same person: it cannot approve what the first key trained', async () => {
    const models = await h.call<{ models: { nodes: { id: string; name: string; versions: { dataset: { id: string } }[] }[] } }>(
      `{ models { nodes { id name versions { dataset { id } } } } }`,
      {},
      keys.a,
    );
    const model = models.body.data!.models.nodes.find((m) => m.name === 'Retail PD')!;
    const queued = await h.call<{ trainModel: { id: string } }>(
      `mutation($m: ID!, $d: ID!) { trainModel(input: { modelId: $m, datasetId: $d, kind: "logistic", options: { idColumn: "ID" } }) { id } }`,
      { m: model.id, d: model.versions[0]!.dataset.id },
      keys.a,
    );
    let versionId: string | undefined;
    for (let i = 0; i < 600 && !versionId; i++) {
      const job = await h.call<{ trainingJob: { status: string; version: { id: string } | null } }>(
        `query($j: ID!) { trainingJob(id: $j) { status version { id } } }`,
        { j: queued.body.data!.trainModel.id },
        keys.a,
      );
      versionId = job.body.data!.trainingJob.version?.id;
      if (!versionId) await new Promise((r) => setTimeout(r, 500));
    }
    const transition = (key: string, action: string, comment?: string) =>
      h.call(
        `mutation($v: ID!, $a: ModelVersionAction!, $c: String) { transitionModelVersion(id: $v, action: $a, comment: $c) { status } }`,
        { v: versionId, a: action, c: comment },
        key,
      );
    expect((await transition(keys.b, 'VALIDATE')).body.errors).toBeUndefined();
    const sameAdmin = await transition(keys.aSecond, 'APPROVE', 'another key of mine');
    expect(sameAdmin.body.errors?.[0]).toMatchObject({
      message: 'approver: four-eyes: you trained this version, so someone else must approve it',
      extensions: { code: 'CONFLICT' },
    });
    const submitter = await transition(keys.b, 'APPROVE', 'I submitted it');
    expect(submitter.body.errors?.[0]?.message).toBe(
      'approver: four-eyes: you submitted this version for approval, so someone else must approve it',
    );
  }, 180_000);
});
