import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { createDatabase, type Database } from '../client.ts';
import { createTenantFixture, type TenantFixture } from '../testing/tenant-fixture.ts';
import type { TenantScope } from '../scope.ts';
import { getChampionModelFile, getModelVersionFile, listChampionVersions } from './model-files.ts';

let db: Database;
let owner: pg.Client;
let t: TenantFixture;
let other: TenantFixture;
let scope: TenantScope;
const fileJson = JSON.stringify({ format: 'probity-model', kind: 'logistic', weights: [1, 2, 3] });
const ids = { dataset: '', model: '', champion: '', draft: '' };

// Rows are written as the owner role here; the repositories that create them have their own tests.
beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'mfile', exposures: 1 });
  other = await createTenantFixture(inject('databaseUrl'), { label: 'mfile2', exposures: 1 });
  scope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } };
  owner = new pg.Client({ connectionString: inject('databaseUrl') });
  await owner.connect();
  const dataset = await owner.query<{ id: string }>(
    `INSERT INTO datasets (id, organization_id, name, sha256, validation_report) VALUES (gen_random_uuid(), $1, 'd', $2, '{}') RETURNING id`,
    [t.organizationId, 'a'.repeat(64)],
  );
  ids.dataset = dataset.rows[0]!.id;
  const model = await owner.query<{ id: string }>(
    `INSERT INTO models (id, organization_id, name, updated_at) VALUES (gen_random_uuid(), $1, 'Retail PD', now()) RETURNING id`,
    [t.organizationId],
  );
  ids.model = model.rows[0]!.id;
  const sha = createHash('sha256').update(fileJson).digest('hex');
  const insert = (version: number, status: string) =>
    owner.query<{ id: string }>(
      `INSERT INTO model_versions (id, organization_id, model_id, version, dataset_id, kind, target, model_file, model_file_sha256, model_file_size, status, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 'logistic', 'default', $5, $6, $7, $8, now()) RETURNING id`,
      [t.organizationId, ids.model, version, ids.dataset, gzipSync(fileJson), sha, fileJson.length, status],
    );
  ids.champion = (await insert(1, 'CHAMPION')).rows[0]!.id;
  ids.draft = (await insert(2, 'DRAFT')).rows[0]!.id;
});
afterAll(async () => {
  await owner.end();
  await db.close();
});

describe('model files', () => {
  it("reads a model's champion file, checked against its SHA-256", async () => {
    const champion = await getChampionModelFile(db, scope, ids.model);
    expect(champion?.version.id).toBe(ids.champion);
    expect(champion?.modelFileJson).toBe(fileJson);
    expect((await listChampionVersions(db, scope)).map((v) => v.id)).toEqual([ids.champion]);
    expect((await getModelVersionFile(db, scope, ids.draft)).version.status).toBe('DRAFT');
  });

  it('another organization sees neither the champion nor the version', async () => {
    const otherScope: TenantScope = { organizationId: other.organizationId, actor: { kind: 'system', name: 'test' } };
    expect(await getChampionModelFile(db, otherScope, ids.model)).toBeNull();
    await expect(getModelVersionFile(db, otherScope, ids.draft)).rejects.toThrow(/not found/);
  });

  it('refuses a second champion, and any change to a stored model file or dataset', async () => {
    await expect(owner.query(`UPDATE model_versions SET status = 'CHAMPION' WHERE id = $1`, [ids.draft])).rejects.toThrow(/one_champion/);
    await expect(owner.query(`UPDATE model_versions SET model_file = '\\x00' WHERE id = $1`, [ids.draft])).rejects.toThrow(/immutable/);
    await expect(owner.query(`UPDATE datasets SET sha256 = $2 WHERE id = $1`, [ids.dataset, 'b'.repeat(64)])).rejects.toThrow(/immutable/);
    await expect(
      owner.query(`INSERT INTO dataset_chunks (dataset_id, seq, organization_id, raw_size, data) VALUES ($1, 0, $2, 1, '\\x00')`, [
        ids.dataset,
        t.organizationId,
      ]),
    ).rejects.toThrow(/sealed/);
  });
});
