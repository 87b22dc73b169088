// Test helpers (no mocks: a real model trained by @probity/ml, stored the way the registry stores it).
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { serializeModel, tableFromRecords, train, type TrainReport } from '@probity/ml';

/** A small model (logistic, or gradient-boosted trees) on PAY_0 and BILL_AMT1 (exposure level) and current_ratio (obligor level). */
export async function trainSmallModel(seed = 7, kind: 'logistic' | 'gbdt' = 'logistic', rows = 600): Promise<string> {
  return (await trainSmallModelWithReport(seed, kind, rows)).modelFileJson;
}

/** The same, with the training report (its training population is what monitoring compares with). */
export async function trainSmallModelWithReport(
  seed = 7,
  kind: 'logistic' | 'gbdt' = 'logistic',
  rows = 600,
): Promise<{ modelFileJson: string; report: TrainReport }> {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const records = Array.from({ length: rows }, () => {
    const pay = Math.floor(rand() * 5) - 1;
    const bill = Math.round(rand() * 100000);
    const ratio = Math.round(rand() * 300) / 100;
    const risk = -2 + 0.9 * pay - 0.6 * ratio + bill / 200000;
    return { PAY_0: pay, BILL_AMT1: bill, current_ratio: ratio, y: rand() < 1 / (1 + Math.exp(-risk)) ? 1 : 0 };
  });
  const { model, report } = await train(tableFromRecords(records), {
    model: kind,
    target: 'y',
    seed,
    labels: { PAY_0: 'months in arrears' },
  });
  return { modelFileJson: serializeModel(model), report };
}

/** Inserts a dataset, a model and a version of it with the given status; returns their ids. */
export async function registerModelVersion(
  url: string,
  organizationId: string,
  modelFileJson: string,
  options: { status?: string; modelId?: string; name?: string; kind?: string; validationReport?: unknown } = {},
): Promise<{ modelId: string; versionId: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const sha = createHash('sha256').update(modelFileJson).digest('hex');
    const dataset = await client.query<{ id: string }>(
      `INSERT INTO datasets (id, organization_id, name, sha256, validation_report) VALUES (gen_random_uuid(), $1, $2, $3, '{}') RETURNING id`,
      [organizationId, `data ${sha.slice(0, 8)} ${Math.random()}`, createHash('sha256').update(String(Math.random())).digest('hex')],
    );
    const modelId =
      options.modelId ??
      (
        await client.query<{ id: string }>(
          `INSERT INTO models (id, organization_id, name, updated_at) VALUES (gen_random_uuid(), $1, $2, now()) RETURNING id`,
          [organizationId, options.name ?? `model ${Math.random()}`],
        )
      ).rows[0]!.id;
    const version = await client.query<{ id: string }>(
      `INSERT INTO model_versions (id, organization_id, model_id, version, dataset_id, kind, target, model_file, model_file_sha256, model_file_size, status, validation_report, updated_at)
       VALUES (gen_random_uuid(), $1, $2, (SELECT coalesce(max(version), 0) + 1 FROM model_versions WHERE model_id = $2), $3, $9, 'y', $4, $5, $6, $7, $8::jsonb, now())
       RETURNING id`,
      [
        organizationId,
        modelId,
        dataset.rows[0]!.id,
        gzipSync(Buffer.from(modelFileJson)),
        sha,
        Buffer.byteLength(modelFileJson),
        options.status ?? 'CHAMPION',
        options.validationReport === undefined ? null : JSON.stringify(options.validationReport),
        options.kind ?? 'logistic',
      ],
    );
    return { modelId, versionId: version.rows[0]!.id };
  } finally {
    await client.end();
  }
}
