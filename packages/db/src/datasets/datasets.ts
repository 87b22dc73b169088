// Reading datasets: the list, one dataset, and its bytes (for training). Stored datasets never change.
import { dedicatedClient, prismaOf, type Database } from '../client.ts';
import type { Dataset } from '../domain/models.ts';
import { toDataset } from '../domain/model-rows.ts';
import { NotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { resolvePage, toConnection, mapNodes, type Connection, type PageArgs } from '../pagination.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { datasetStorage } from './storage.ts';

export async function getDataset(db: Database, scope: TenantScope, id: string): Promise<Dataset> {
  if (!isUuid(id)) throw new NotFoundError('Dataset');
  const row = await withTenant(db, scope, (tx) =>
    tx.dataset.findFirst({ where: { id, organizationId: scope.organizationId, sha256: { not: null } } }),
  );
  if (!row) throw new NotFoundError('Dataset');
  return toDataset(row);
}

/** Datasets by id (missing or foreign ids are left out), for DataLoaders. */
export async function datasetsByIds(db: Database, scope: TenantScope, ids: readonly string[]): Promise<Dataset[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await withTenant(db, scope, (tx) =>
    tx.dataset.findMany({ where: { id: { in: valid }, organizationId: scope.organizationId, sha256: { not: null } } }),
  );
  return rows.map(toDataset);
}

/** Newest first; ids are UUIDv7 (time-ordered), so the id alone is the keyset. */
export async function listDatasets(db: Database, scope: TenantScope, args: PageArgs = {}): Promise<Connection<Dataset>> {
  const page = resolvePage(args, 50);
  const descending = !page.backward;
  const where = { organizationId: scope.organizationId, sha256: { not: null } };
  const cursor = page.cursor ? { id: descending ? { lt: page.cursor.id } : { gt: page.cursor.id } } : {};
  return withTenant(db, scope, async (tx) => {
    const [rows, total] = await Promise.all([
      tx.dataset.findMany({ where: { ...where, ...cursor }, orderBy: { id: descending ? 'desc' : 'asc' }, take: page.take }),
      tx.dataset.count({ where }),
    ]);
    return mapNodes(
      toConnection(rows, page, (row) => ({ v: null, id: row.id }), total),
      toDataset,
    );
  });
}

/**
 * Streams a dataset's bytes in order, inside a read-only transaction of its own as the tenant, and
 * fails at the end if they do not hash to the dataset's SHA-256.
 */
export async function* readDatasetBytes(db: Database, scope: TenantScope, id: string): AsyncGenerator<Buffer> {
  const dataset = await getDataset(db, scope, id);
  const row = await prismaOf(db).dataset.findUniqueOrThrow({ where: { id }, select: { chunkCount: true, storageKey: true } });
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  const client = dedicatedClient(db, 'probity-dataset-read');
  await client.connect();
  try {
    await client.query('BEGIN READ ONLY');
    await client.query("SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', $1, true)", [scope.organizationId]);
    for await (const bytes of datasetStorage(dataset.storage).read({ client, organizationId: scope.organizationId, datasetId: id }, row)) {
      hash.update(bytes);
      yield bytes;
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  const sha = hash.digest('hex');
  if (sha !== dataset.sha256) throw new Error(`dataset ${id}: stored bytes hash to ${sha}, not ${dataset.sha256}`);
}
