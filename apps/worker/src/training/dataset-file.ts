// A stored dataset as a temporary CSV file for packages/ml's reader (the same path the CLI reads), its
// bytes streamed from the store and checked against the dataset's SHA-256 on the way.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readDatasetBytes, type Database, type TenantScope } from '@probity/db';

export async function datasetToTempFile(
  db: Database,
  scope: TenantScope,
  datasetId: string,
): Promise<{ file: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'probity-train-'));
  const file = path.join(dir, `${datasetId}.csv`);
  try {
    await pipeline(Readable.from(readDatasetBytes(db, scope, datasetId)), createWriteStream(file));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}
