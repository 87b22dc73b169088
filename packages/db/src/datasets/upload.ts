// Storing an uploaded dataset: its bytes are written as they arrive, inside one transaction on a
// connection of its own that runs as the tenant (row-level security applies), and the dataset is
// committed only when the caller's validation passed. A file with errors, an aborted upload or a
// crash leave nothing behind. The same bytes uploaded twice by an organization are one dataset.
import { dedicatedClient, type Database } from '../client.ts';
import type { Dataset, DatasetColumn } from '../domain/models.ts';
import type { JsonValue } from '../domain/values.ts';
import { InputError } from '../errors.ts';
import type { TenantScope } from '../scope.ts';
import { datasetStorage, type BlobWriter, type StoredBlob } from './storage.ts';
import { getDataset } from './datasets.ts';

export interface DatasetUploadInput {
  name: string;
  description?: string | null;
  /** Which store keeps the bytes ("postgres" unless configured otherwise). */
  storage?: string;
}

/** What validation found, stored with the dataset. */
export interface DatasetSummary {
  rowCount: number;
  columns: DatasetColumn[];
  targetColumn: string | null;
  defaultCount: number | null;
  defaultRate: number | null;
  validationReport: JsonValue;
  /** The SHA-256 the validator computed: must equal the stored bytes' (same stream, both ends). */
  sha256: string;
}

export interface DatasetUpload {
  readonly datasetId: string;
  write(bytes: Buffer): Promise<void>;
  /** Seals the dataset; `duplicate` when the organization already had these exact bytes (that one is returned). */
  commit(summary: DatasetSummary): Promise<{ dataset: Dataset; duplicate: boolean }>;
  /** Rolls everything back (validation failed, client went away). */
  abort(): Promise<void>;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw new InputError('name', 'must be 1 to 200 characters');
  return trimmed;
}

export async function beginDatasetUpload(db: Database, scope: TenantScope, input: DatasetUploadInput): Promise<DatasetUpload> {
  const name = checkName(input.name);
  const storage = datasetStorage(input.storage ?? 'postgres');
  const client = dedicatedClient(db, 'probity-dataset-upload');
  await client.connect();
  let open = true;
  const close = async (sql: 'COMMIT' | 'ROLLBACK') => {
    if (!open) return;
    open = false;
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let writer: BlobWriter;
  let datasetId: string;
  try {
    await client.query('BEGIN');
    await client.query("SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', $1, true)", [scope.organizationId]);
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO datasets (id, organization_id, name, description, storage, validation_report, uploaded_by_id, uploaded_by_api_key_id)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, '{}', $5, $6) RETURNING id`,
      [
        scope.organizationId,
        name,
        input.description ?? null,
        storage.name,
        scope.actor.kind === 'user' ? scope.actor.userId : null,
        scope.actor.kind === 'apiKey' ? scope.actor.apiKeyId : null,
      ],
    );
    datasetId = inserted.rows[0]!.id;
    writer = storage.openWriter({ client, organizationId: scope.organizationId, datasetId });
  } catch (error) {
    await close('ROLLBACK');
    throw error;
  }

  return {
    datasetId,
    write: (bytes) => writer.write(bytes),
    async commit(summary) {
      let stored: StoredBlob;
      try {
        stored = await writer.finish();
        if (stored.sha256 !== summary.sha256)
          throw new Error(`dataset upload: stored bytes (${stored.sha256}) differ from the validated ones (${summary.sha256})`);
        const existing = await client.query<{ id: string }>('SELECT id FROM datasets WHERE organization_id = $1 AND sha256 = $2', [
          scope.organizationId,
          stored.sha256,
        ]);
        if (existing.rows[0]) {
          await close('ROLLBACK');
          return { dataset: await getDataset(db, scope, existing.rows[0].id), duplicate: true };
        }
        await client.query(
          `UPDATE datasets SET sha256 = $2, storage_key = $3, byte_size = $4, stored_size = $5, chunk_count = $6, row_count = $7,
                  column_count = $8, columns = $9, target_column = $10, default_count = $11, default_rate = $12, validation_report = $13
            WHERE id = $1`,
          [
            datasetId,
            stored.sha256,
            stored.storageKey,
            stored.byteSize,
            stored.storedSize,
            stored.chunkCount,
            summary.rowCount,
            summary.columns.length,
            JSON.stringify(summary.columns),
            summary.targetColumn,
            summary.defaultCount,
            summary.defaultRate === null ? null : summary.defaultRate.toFixed(8),
            JSON.stringify(summary.validationReport),
          ],
        );
        await client.query(
          `INSERT INTO audit_logs (id, organization_id, actor_user_id, actor_api_key_id, action, entity_type, entity_id, after, request_id)
           VALUES (gen_random_uuid(), $1, $2, $3, 'dataset.upload', 'Dataset', $4, $5, $6)`,
          [
            scope.organizationId,
            scope.actor.kind === 'user' ? scope.actor.userId : null,
            scope.actor.kind === 'apiKey' ? scope.actor.apiKeyId : null,
            datasetId,
            JSON.stringify({
              name,
              sha256: stored.sha256,
              byteSize: stored.byteSize,
              rowCount: summary.rowCount,
              targetColumn: summary.targetColumn,
            }),
            scope.requestId ?? null,
          ],
        );
        await close('COMMIT');
      } catch (error) {
        await close('ROLLBACK');
        throw error;
      }
      return { dataset: await getDataset(db, scope, datasetId), duplicate: false };
    },
    abort: () => close('ROLLBACK'),
  };
}
