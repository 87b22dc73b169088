// Reading the feature store: an obligor's or exposure's features on a day (the latest load on or
// before it), their history, and the loads themselves.
import type { Database } from '../client.ts';
import type { FeatureLoad as FeatureLoadRecord } from '../generated/prisma/client.ts';
import type { FeatureLevel, FeatureLoad, FeatureSet } from '../domain/features.ts';
import { localDate } from '../domain/from-rows.ts';
import type { LocalDate } from '../domain/values.ts';
import { InputError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { creationOrder, mapNodes, resolvePage, toConnection, type Connection, type PageArgs } from '../pagination.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { withTenantClient } from '../bulk/tenant-client.ts';
import { toFeatureSet, type FeatureSetRow } from './feature-rows.ts';
import { FEATURE_SUBJECTS } from './feature-tables.ts';

function toLoad(row: FeatureLoadRecord): FeatureLoad {
  return {
    id: row.id,
    organizationId: row.organizationId,
    level: row.level,
    asOf: localDate(row.asOf),
    columns: row.columns,
    rowCount: row.rowCount,
    sha256: row.sha256,
    fileName: row.fileName,
    createdById: row.createdById,
    createdAt: row.createdAt,
  };
}

function checkDay(asOf: LocalDate | null | undefined): void {
  if (asOf != null && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new InputError('asOf', 'must be a date, YYYY-MM-DD');
}

/**
 * Feature sets of the given obligors or exposures, newest first: at most `limit` per subject, on or
 * before `asOf` when given. One query for many subjects (the API's loaders batch through it).
 */
export async function featureSetsOf(
  db: Database,
  scope: TenantScope,
  level: FeatureLevel,
  subjectIds: readonly string[],
  options: { asOf?: LocalDate | null; limit?: number } = {},
): Promise<FeatureSet[][]> {
  checkDay(options.asOf);
  const ids = subjectIds.filter(isUuid);
  if (ids.length === 0) return subjectIds.map(() => []);
  const { table, history, key } = FEATURE_SUBJECTS[level];
  // A subject's days: its latest row and its history's.
  const days = (from: string) =>
    `SELECT ${key}, as_of, load_id, "values", texts FROM ${from} WHERE organization_id = $1 AND ${key} = ANY($2::uuid[]) AND ($3::date IS NULL OR as_of <= $3::date)`;
  const rows = await withTenantClient(db, scope, async (client) => {
    const result = await client.query<FeatureSetRow & { rank: string }>(
      `SELECT * FROM (
         SELECT f.${key} AS subject_id, f.as_of::text AS as_of, f.load_id, l.columns, f."values", f.texts,
                row_number() OVER (PARTITION BY f.${key} ORDER BY f.as_of DESC) AS rank
           FROM (${days(table)} UNION ALL ${days(history)}) f JOIN feature_loads l ON l.id = f.load_id) ranked
        WHERE rank <= $4 ORDER BY subject_id, as_of DESC`,
      [scope.organizationId, ids, options.asOf ?? null, options.limit ?? 1],
    );
    return result.rows;
  });
  const bySubject = new Map<string, FeatureSet[]>();
  for (const row of rows) {
    const list = bySubject.get(row.subject_id) ?? [];
    list.push(toFeatureSet(level, row));
    bySubject.set(row.subject_id, list);
  }
  return subjectIds.map((id) => bySubject.get(id) ?? []);
}

/** The organization's feature loads, newest first. */
export async function listFeatureLoads(db: Database, scope: TenantScope, args: PageArgs = {}): Promise<Connection<FeatureLoad>> {
  const page = resolvePage(args, 50);
  const order = creationOrder(page, 'desc');
  const where = { organizationId: scope.organizationId };
  return withTenant(db, scope, async (tx) => {
    const [rows, total] = await Promise.all([
      tx.featureLoad.findMany({ where: { AND: [where, order.where] }, orderBy: order.orderBy, take: page.take }),
      tx.featureLoad.count({ where }),
    ]);
    return mapNodes(toConnection(rows, page, order.cursorOf, total), toLoad);
  });
}

/** Feature loads by id (null where missing or another organization's), in the order asked. */
export async function featureLoadsByIds(db: Database, scope: TenantScope, ids: readonly string[]): Promise<(FeatureLoad | null)[]> {
  const valid = ids.filter(isUuid);
  const rows = await withTenant(db, scope, (tx) =>
    tx.featureLoad.findMany({ where: { organizationId: scope.organizationId, id: { in: valid } } }),
  );
  const byId = new Map(rows.map((row) => [row.id, toLoad(row)]));
  return ids.map((id) => byId.get(id) ?? null);
}
