// A champion model version whose file is a one-byte placeholder, with its dataset and model rows: for
// tests and benchmarks that write scores (their keys need a version), not for anything that scores.
import type pg from 'pg';

/** Inserts the dataset, model and champion version rows; returns the version's id. */
export async function insertPlaceholderChampion(client: pg.ClientBase, organizationId: string, label: string): Promise<string> {
  const one = async (text: string, params: unknown[]) => (await client.query<{ id: string }>(text, params)).rows[0]!.id;
  const datasetId = await one(
    `INSERT INTO datasets (id, organization_id, name, sha256, validation_report) VALUES (gen_random_uuid(), $1, $2, repeat('a', 64), '{}') RETURNING id`,
    [organizationId, `${label} data`],
  );
  const modelId = await one(
    `INSERT INTO models (id, organization_id, name, updated_at) VALUES (gen_random_uuid(), $1, $2, now()) RETURNING id`,
    [organizationId, `${label} model`],
  );
  return one(
    `INSERT INTO model_versions (id, organization_id, model_id, version, dataset_id, kind, target, model_file, model_file_sha256, model_file_size, status, updated_at)
     VALUES (gen_random_uuid(), $1, $2, 1, $3, 'logistic', 'y', decode('00', 'hex'), repeat('b', 64), 1, 'CHAMPION', now()) RETURNING id`,
    [organizationId, modelId, datasetId],
  );
}
