// Where a dataset's bytes live, behind one small interface: PostgreSQL by default (gzip chunks in
// dataset_chunks, inside the upload's own transaction, so every worker on every machine reads them
// with nothing else to run). An S3-compatible store would implement the same two methods and be
// chosen by configuration; the dataset row records which store holds the bytes (datasets.storage).
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type pg from 'pg';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Raw bytes per stored chunk: large enough for few rows and good compression, small enough to stream. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

export interface StoredBlob {
  sha256: string;
  byteSize: number;
  storedSize: number;
  chunkCount: number;
  storageKey: string;
}

export interface BlobWriter {
  write(bytes: Buffer): Promise<void>;
  /** Flushes the last chunk and returns what was stored. */
  finish(): Promise<StoredBlob>;
}

/** The connection of the upload's (or reader's) transaction, with the tenant already set. */
export interface StorageContext {
  client: pg.ClientBase;
  organizationId: string;
  datasetId: string;
}

export interface DatasetStorage {
  readonly name: string;
  openWriter(context: StorageContext): BlobWriter;
  /** The dataset's bytes, in order. */
  read(context: StorageContext, blob: { storageKey: string | null; chunkCount: number }): AsyncIterable<Buffer>;
}

export const postgresStorage: DatasetStorage = {
  name: 'postgres',
  openWriter({ client, organizationId, datasetId }) {
    const hash = createHash('sha256');
    let pending: Buffer[] = [];
    let pendingSize = 0;
    let seq = 0;
    let byteSize = 0;
    let storedSize = 0;
    const flush = async () => {
      if (pendingSize === 0) return;
      const raw = Buffer.concat(pending, pendingSize);
      pending = [];
      pendingSize = 0;
      const packed = await gzipAsync(raw, { level: 1 });
      await client.query('INSERT INTO dataset_chunks (dataset_id, seq, organization_id, raw_size, data) VALUES ($1, $2, $3, $4, $5)', [
        datasetId,
        seq++,
        organizationId,
        raw.length,
        packed,
      ]);
      storedSize += packed.length;
    };
    return {
      async write(bytes) {
        hash.update(bytes);
        byteSize += bytes.length;
        pending.push(bytes);
        pendingSize += bytes.length;
        if (pendingSize >= CHUNK_BYTES) await flush();
      },
      async finish() {
        await flush();
        const sha256 = hash.digest('hex');
        return { sha256, byteSize, storedSize, chunkCount: seq, storageKey: sha256 };
      },
    };
  },
  async *read({ client, datasetId }, blob) {
    // One chunk per query keeps memory at one chunk whatever the file's size.
    for (let seq = 0; seq < blob.chunkCount; seq++) {
      const result = await client.query<{ data: Buffer }>('SELECT data FROM dataset_chunks WHERE dataset_id = $1 AND seq = $2', [
        datasetId,
        seq,
      ]);
      const row = result.rows[0];
      if (!row) throw new Error(`dataset ${datasetId}: chunk ${seq} of ${blob.chunkCount} is missing`);
      yield await gunzipAsync(row.data);
    }
  },
};

const STORES: Record<string, DatasetStorage> = { postgres: postgresStorage };

export function datasetStorage(name: string): DatasetStorage {
  const store = STORES[name];
  if (!store) throw new Error(`unknown dataset storage "${name}" (known: ${Object.keys(STORES).join(', ')})`);
  return store;
}
