// Model governance through GraphQL with the real API and PostgreSQL: four-eyes approval, comments,
// refusals with clear messages that change nothing, promotion retiring the champion, the audit trail,
// roles, and the versioned master scale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeTrainingJob, createModel, requestTraining, type TenantScope } from '@probity/db';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let t: TenantWithKeys;
let modelId = '';
const TRANSITION =
  'mutation($id: ID!, $action: ModelVersionAction!, $comment: String) { transitionModelVersion(id: $id, action: $action, comment: $comment) { id status approvedBy { email } approvalComment } }';

/** A version as the worker stores one (the governance rules do not look inside the model file). */
async function trainedVersion(trainer: 'ANALYST' | 'RISK_OFFICER'): Promise<string> {
  const scope: TenantScope = { organizationId: t.organizationId, actor: { kind: 'user', userId: t.users[trainer].id } };
  const client = await import('pg');
  const pgClient = new client.default.Client({ connectionString: h.db.connectionString });
  await pgClient.connect();
  const dataset = await pgClient.query<{ id: string }>(
    `INSERT INTO datasets (id, organization_id, name, sha256, columns, validation_report) VALUES (gen_random_uuid(), $1, $2, md5(random()::text) || md5(random()::text), '[{"name":"y","type":"target","missing":0}]', '{}') RETURNING id`,
    [t.organizationId, `d${Math.random()}`],
  );
  await pgClient.end();
  const job = await requestTraining(h.db, scope, { modelId, datasetId: dataset.rows[0]!.id, kind: 'logistic', target: 'y', options: {} });
  const now = new Date();
  const { version } = await completeTrainingJob(h.db, { ...scope, actor: { kind: 'system', name: 'train-model' } }, job.id, {
    modelFileJson: JSON.stringify({ kind: 'logistic', n: Math.random() }),
    metrics: { testAuc: 0.77 },
    validationReport: { ok: true },
    backend: 'cpu',
    machine: 'test',
    trainingStartedAt: now,
    trainingFinishedAt: now,
    masterScaleId: null,
  });
  return version.id;
}

beforeAll(async () => {
  h = await startHarness();
  t = await tenantWithKeys(h.db, 'governance', 2);
  modelId = (
    await createModel(
      h.db,
      { organizationId: t.organizationId, actor: { kind: 'user', userId: t.users.ANALYST.id } },
      { name: 'Retail PD' },
    )
  ).id;
});
afterAll(async () => h.close());

describe('model governance', () => {
  it('validates, refuses approval by the trainer or the submitter, approves with a comment from a second person, promotes', async () => {
    const id = await trainedVersion('RISK_OFFICER');
    const officer = await t.token('RISK_OFFICER');
    const admin = await t.token('ADMIN');
    expect((await h.call(TRANSITION, { id, action: 'VALIDATE' }, officer)).body.errors).toBeUndefined();
    const own = await h.call(TRANSITION, { id, action: 'APPROVE', comment: 'looks fine to me' }, officer);
    expect(own.body.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'approver' } });
    expect(own.body.errors?.[0]?.message).toMatch(/four-eyes: you trained this version/);
    const noComment = await h.call(TRANSITION, { id, action: 'APPROVE' }, admin);
    expect(noComment.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'comment' } });
    const approved = await h.call<{ transitionModelVersion: { status: string; approvedBy: { email: string }; approvalComment: string } }>(
      TRANSITION,
      { id, action: 'APPROVE', comment: 'AUC and calibration within appetite' },
      admin,
    );
    expect(approved.body.data!.transitionModelVersion).toMatchObject({ status: 'APPROVED', approvedBy: { email: t.users.ADMIN.email } });
    const promoted = await h.call<{ transitionModelVersion: { status: string } }>(TRANSITION, { id, action: 'PROMOTE' }, officer);
    expect(promoted.body.data!.transitionModelVersion.status).toBe('CHAMPION');
  });

  it('refuses approval by whoever submitted it, and promoting an unapproved version; nothing changes', async () => {
    const id = await trainedVersion('ANALYST');
    const officer = await t.token('RISK_OFFICER');
    await h.call(TRANSITION, { id, action: 'VALIDATE' }, officer);
    const bySubmitter = await h.call(TRANSITION, { id, action: 'APPROVE', comment: 'approving my own submission' }, officer);
    expect(bySubmitter.body.errors?.[0]?.message).toMatch(/four-eyes: you submitted this version/);
    const early = await h.call(TRANSITION, { id, action: 'PROMOTE' }, officer);
    expect(early.body.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(early.body.errors?.[0]?.message).toMatch(/cannot promote a VALIDATED version: only APPROVED versions can be promoted/);
    const status = await h.call<{ modelVersion: { status: string } }>(
      'query($id: ID!) { modelVersion(id: $id) { status } }',
      { id },
      t.keys.read,
    );
    expect(status.body.data!.modelVersion.status).toBe('VALIDATED');
  });

  it('promotion retires the previous champion, and every transition is in the audit log', async () => {
    const id = await trainedVersion('ANALYST');
    const officer = await t.token('RISK_OFFICER');
    const admin = await t.token('ADMIN');
    await h.call(TRANSITION, { id, action: 'VALIDATE' }, officer);
    await h.call(TRANSITION, { id, action: 'APPROVE', comment: 'challenger beats the champion' }, admin);
    await h.call(TRANSITION, { id, action: 'PROMOTE' }, admin);
    const model = await h.call<{ model: { champion: { id: string }; versions: { version: number; status: string }[] } }>(
      'query($id: ID!) { model(id: $id) { champion { id } versions { version status } } }',
      { id: modelId },
      t.keys.read,
    );
    expect(model.body.data!.model.champion.id).toBe(id);
    expect(model.body.data!.model.versions.map((v) => v.status)).toEqual(['CHAMPION', 'VALIDATED', 'RETIRED']);
    const audit = await h.call<{ auditLog: { nodes: { action: string; entityId: string }[] } }>(
      '{ auditLog(first: 50, filter: { entityType: "ModelVersion" }) { nodes { action entityId } } }',
      {},
      officer,
    );
    const actions = audit.body.data!.auditLog.nodes.filter((n) => n.entityId === id).map((n) => n.action);
    expect(actions).toEqual(['modelVersion.promote', 'modelVersion.approve', 'modelVersion.validate', 'modelVersion.create']);
    expect(audit.body.data!.auditLog.nodes.map((n) => n.action)).toContain('modelVersion.retire');
  });

  it('needs RISK_OFFICER to govern: an analyst or a WRITE key is refused', async () => {
    const id = await trainedVersion('ANALYST');
    expect((await h.call(TRANSITION, { id, action: 'VALIDATE' }, await t.token('ANALYST'))).body.errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await h.call(TRANSITION, { id, action: 'VALIDATE' }, t.keys.write)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the master scale starts as the ten-grade default and is versioned on edit', async () => {
    const scale = await h.call<{ masterScale: { version: number; grades: { grade: string; maxPd: number }[] } }>(
      '{ masterScale { version grades { grade maxPd } } }',
      {},
      t.keys.read,
    );
    expect(scale.body.data!.masterScale.version).toBe(1);
    expect(scale.body.data!.masterScale.grades).toHaveLength(10);
    expect(scale.body.data!.masterScale.grades[0]!.maxPd).toBeCloseTo(0.0003);
    const edit =
      'mutation($grades: [MasterScaleGradeInput!]!) { updateMasterScale(grades: $grades, comment: "fewer grades") { version grades { grade } } }';
    const bad = await h.call(
      edit,
      {
        grades: [
          { grade: 'A', maxPd: 0.01 },
          { grade: 'B', maxPd: 0.5 },
        ],
      },
      await t.token('RISK_OFFICER'),
    );
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'grades[1].maxPd' });
    const good = await h.call<{ updateMasterScale: { version: number } }>(
      edit,
      {
        grades: [
          { grade: 'A', maxPd: 0.01 },
          { grade: 'B', maxPd: 1 },
        ],
      },
      await t.token('RISK_OFFICER'),
    );
    expect(good.body.data!.updateMasterScale.version).toBe(2);
    expect(
      (
        await h.call(
          edit,
          {
            grades: [
              { grade: 'A', maxPd: 1 },
              { grade: 'B', maxPd: 1 },
            ],
          },
          await t.token('ANALYST'),
        )
      ).body.errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
  });
});
