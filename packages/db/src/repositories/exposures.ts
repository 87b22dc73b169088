// Exposures: the filtered, sorted, cursor-paginated table (SQL in exposure-query.ts, counts in
// exposure-count.ts); batched lookups; audited updates.
import type { Database } from '../client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { Exposure } from '../domain/entities.ts';
import type { ExposureStatus } from '../domain/values.ts';
import { toExposure } from '../domain/from-rows.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { FRACTION, MONEY, parseDecimal, PROBABILITY } from '../decimal.ts';
import { isUuid, validUuids } from '../ids.ts';
import { TEXT_LIMITS } from '../domain/limits.ts';
import { parseLocalDate, text } from '../validate.ts';
import { mapNodes, resolvePage, toConnection, type Connection, type PageArgs } from '../pagination.ts';
import {
  afterCursorSql,
  checkScoreFilter,
  filterConditions,
  filtersScores,
  isFiltered,
  matchesFirstPays,
  orderBySql,
  scoreConditions,
  sortKeyOf,
  type ExposureFilter,
  type ExposureOrder,
  type ScoringJoin,
} from './exposure-query.ts';
import { latestScoringJoin } from './exposure-scoring-join.ts';
import { commonSearchWordsQuery } from './exposure-search.ts';
import { countExposures, plannedRows, portfolioSize, SMALL_PORTFOLIO } from './exposure-count.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { recordAudit } from './audit.ts';

export { EXPOSURE_SORT_FIELDS } from './exposure-query.ts';
export type { ExposureFilter, ExposureOrder, ExposureSortField, ScoringJoin, SortDirection } from './exposure-query.ts';

type Dir = 'asc' | 'desc';
const flip = (d: Dir): Dir => (d === 'asc' ? 'desc' : 'asc');

export interface ListExposuresArgs extends PageArgs {
  filter?: ExposureFilter | null;
  orderBy?: ExposureOrder | null;
}

/**
 * A page that joins the run's scores runs without parallel workers. It reads a few hundred index entries
 * at most, but PostgreSQL expects thousands of matches across the join and plans workers, whose start
 * costs more than the page: at a million exposures a grade filter sorted by EAD took 84 ms with two
 * workers and 15 ms without, a days-past-due filter sorted by PD 181 and 23 ms (2-core machine, `npm run
 * bench -w @probity/db`). Pages of the exposures alone plan no workers (EXPLAIN at a million).
 */
export const SCORED_PAGE_SETTINGS = Prisma.sql`SELECT set_config('max_parallel_workers_per_gather', '0', true)`;

/** Whether a page sorts or filters by the latest run's PD or grade (and so joins its scores). */
export function readsScores(args: ListExposuresArgs): boolean {
  return sortKeyOf((args.orderBy ?? { field: 'EAD' }).field).scored === true || filtersScores(args.filter ?? {});
}

/**
 * The SQL of one page of the exposure table (ids, and the sort key when it comes from the scores), as
 * listExposures runs it. A page that reads scores needs `join` (the latest succeeded run); without one
 * it matches nothing.
 */
export function exposurePageQuery(
  scope: TenantScope,
  portfolioId: string,
  args: ListExposuresArgs,
  join: ScoringJoin | null = null,
  commonWords: ReadonlySet<string> = new Set(),
  shape: { matchesFirst?: boolean } = {},
) {
  const page = resolvePage(args, 50);
  const order = args.orderBy ?? { field: 'EAD', direction: 'DESC' };
  const key = sortKeyOf(order.field);
  const forward: Dir = order.direction === 'ASC' ? 'asc' : 'desc';
  const dir = page.backward ? flip(forward) : forward;
  const filter = args.filter ?? {};
  checkScoreFilter(filter);
  const scored = readsScores(args);
  const conditions = filterConditions(scope.organizationId, portfolioId, filter, commonWords);
  // Beyond the portfolio and organization, which the run's scores share.
  const filtersExposures = conditions.length > 2;
  const exposureWhere = Prisma.join(conditions, ' AND ');
  const onScores = join ? [Prisma.sql`s.run_id = ${join.runId}::uuid`, ...scoreConditions(filter, join)] : [Prisma.sql`false`];
  // Matches first (see matchesFirstPays): the exposures that pass the filter, found through its own
  // indexes in a subquery the planner keeps apart (OFFSET 0), then (their scores by primary key and) a
  // top-N sort, instead of walking the sort index and checking each exposure on the way.
  const matchesFirst = shape.matchesFirst === true && filtersExposures;
  const exposures = matchesFirst
    ? Prisma.sql`(SELECT * FROM tenant_exposures e WHERE ${exposureWhere} OFFSET 0) e`
    : Prisma.sql`tenant_exposures e`;
  if (scored && !matchesFirst) conditions.push(...onScores);
  const where = !matchesFirst ? Prisma.join(conditions, ' AND ') : scored ? Prisma.join(onScores, ' AND ') : Prisma.sql`true`;
  const from = scored ? Prisma.sql`${exposures} JOIN tenant_scores s ON s.exposure_id = e.id` : exposures;
  // A filter on the scores alone counts the run's scores alone (every score of the run is an exposure
  // of the portfolio: deleting an exposure deletes its scores), without joining each to its exposure.
  const scoresCount = scored && !filtersExposures ? { from: Prisma.sql`tenant_scores s`, where: Prisma.join(onScores, ' AND ') } : null;
  const cursorCondition = page.cursor
    ? Prisma.sql`AND ${afterCursorSql(key, dir, page.cursor, page.backward ? 'before' : 'after')}`
    : Prisma.empty;
  const columns = key.scored ? Prisma.sql`e.id, ${key.sql} AS k` : Prisma.sql`e.id`;
  const sql = Prisma.sql`SELECT ${columns} FROM ${from} WHERE ${where} ${cursorCondition} ${orderBySql(key, dir)} LIMIT ${page.take}`;
  return { sql, page, key, from, where, filtered: isFiltered(filter), scored, scoresCount, filtersExposures, exposureWhere, matchesFirst };
}

export async function listExposures(
  db: Database,
  scope: TenantScope,
  portfolioId: string,
  args: ListExposuresArgs,
): Promise<Connection<Exposure>> {
  if (!isUuid(portfolioId)) {
    const { page } = exposurePageQuery(scope, portfolioId, args);
    return toConnection([], page, () => ({ v: null, id: '' }), 0);
  }
  return withTenant(db, scope, async (tx) => {
    const grade = checkScoreFilter(args.filter ?? {});
    const readsRun = readsScores(args);
    if (readsRun) await tx.$executeRaw(SCORED_PAGE_SETTINGS);
    const join = readsRun ? await latestScoringJoin(tx, scope.organizationId, portfolioId, grade) : null;
    const search = args.filter?.search?.trim();
    const commonWords = new Set(
      search
        ? (await tx.$queryRaw<{ w: string }[]>(commonSearchWordsQuery(scope.organizationId, portfolioId, search))).map((r) => r.w)
        : [],
    );
    let query = exposurePageQuery(scope, portfolioId, args, join, commonWords);
    // Not for a search: its matches are the hardest to estimate (a common name), and exposure-search.ts
    // already shapes its conditions for the planner.
    // What the decision reads, the count reuses: the portfolio's size, and for a page of the exposures
    // alone the planner's estimate of its matches (the count's own EXPLAIN would ask the same).
    const known: { size?: number; planned?: number } = {};
    if (query.filtersExposures && !search && (join || !query.scored)) {
      known.size = await portfolioSize(tx, scope.organizationId, portfolioId);
      if (known.size > SMALL_PORTFOLIO) {
        const matches = await plannedRows(tx, Prisma.sql`FROM tenant_exposures e WHERE ${query.exposureWhere}`);
        if (!query.scored) known.planned = matches;
        if (matchesFirstPays(matches, known.size, query.page.take))
          query = exposurePageQuery(scope, portfolioId, args, join, commonWords, { matchesFirst: true });
      }
    }
    const { sql, page, key, from, where, filtered, scored, scoresCount } = query;
    const pageIds = await tx.$queryRaw<{ id: string; k?: number }[]>(sql);
    const rows = await tx.exposure.findMany({ where: { organizationId: scope.organizationId, id: { in: pageIds.map((r) => r.id) } } });
    // A first page that holds every match is its own exact count; a page sorted by PD and not
    // filtered lists the run's scores, whose count the run keeps; one filtered by PD or grade alone
    // counts the run's scores that match.
    const count =
      !page.cursor && pageIds.length <= page.size
        ? { count: pageIds.length, estimated: false }
        : scored && !filtered
          ? { count: join?.scoredCount ?? 0, estimated: false }
          : await countExposures(
              tx,
              scope.organizationId,
              portfolioId,
              scoresCount?.where ?? where,
              filtered || scored,
              scoresCount?.from ?? from,
              known,
            );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const keys = new Map(pageIds.map((r) => [r.id, r.k]));
    const ordered = pageIds.map((r) => byId.get(r.id)).filter((row) => row !== undefined);
    const cursorOf = (row: (typeof ordered)[number]) => ({ v: key.scored ? cursorNumber(keys.get(row.id)) : key.value(row), id: row.id });
    const connection = toConnection(ordered, page, cursorOf, count.count);
    return { ...mapNodes(connection, toExposure), totalCountIsEstimate: count.estimated };
  });
}

/** A PD as a cursor value: JSON has no NaN, so a NaN PD is written as the string 'NaN'. */
const cursorNumber = (value: number | undefined): number | string | null =>
  value === undefined ? null : Number.isNaN(value) ? 'NaN' : value;

export async function exposuresByIds(db: Database, scope: TenantScope, ids: readonly string[]): Promise<(Exposure | null)[]> {
  const rows = await withTenant(db, scope, (tx) =>
    tx.exposure.findMany({ where: { organizationId: scope.organizationId, id: { in: validUuids(ids) } } }),
  );
  const byId = new Map(rows.map((row) => [row.id, toExposure(row)]));
  return ids.map((id) => byId.get(id) ?? null);
}

export interface ExposurePatch {
  product?: string | null;
  ead?: string | null;
  limit?: string | null;
  lgd?: string | null;
  collateralValue?: string | null;
  daysPastDue?: number | null;
  status?: ExposureStatus | null;
  maturityDate?: string | null;
  pdAtOrigination?: string | null;
}

function validatePatch(patch: ExposurePatch): Prisma.ExposureUpdateInput {
  const data: Prisma.ExposureUpdateInput = {};
  if (patch.product != null) data.product = text('input.product', patch.product, { min: 1, max: TEXT_LIMITS.exposureProduct });
  if (patch.ead != null) data.ead = parseDecimal('input.ead', patch.ead, MONEY);
  if (patch.limit != null) data.limit = parseDecimal('input.limit', patch.limit, MONEY);
  if (patch.lgd != null) data.lgd = parseDecimal('input.lgd', patch.lgd, FRACTION);
  if (patch.collateralValue !== undefined) {
    data.collateralValue = patch.collateralValue === null ? null : parseDecimal('input.collateralValue', patch.collateralValue, MONEY);
  }
  if (patch.daysPastDue != null) {
    if (!Number.isInteger(patch.daysPastDue) || patch.daysPastDue < 0 || patch.daysPastDue > 36_500) {
      throw new InputError('input.daysPastDue', 'must be an integer between 0 and 36500');
    }
    data.daysPastDue = patch.daysPastDue;
  }
  if (patch.status != null) data.status = patch.status;
  if (patch.maturityDate !== undefined) {
    if (patch.maturityDate === null) data.maturityDate = null;
    else data.maturityDate = parseLocalDate('input.maturityDate', patch.maturityDate);
  }
  if (patch.pdAtOrigination !== undefined) {
    data.pdAtOrigination =
      patch.pdAtOrigination === null ? null : parseDecimal('input.pdAtOrigination', patch.pdAtOrigination, PROBABILITY);
  }
  if (Object.keys(data).length === 0) throw new InputError('input', 'names no field to change');
  return data;
}

/** What the audit trail keeps of an exposure: stored fields only (utilisation is derived). */
function stored(exposure: Exposure): Omit<Exposure, 'utilisation'> {
  const { utilisation: _derived, ...fields } = exposure;
  return fields;
}

/**
 * Applies the patch and writes the audit row in one transaction. NotFoundError for ids not visible.
 * With `expectedUpdatedAt` (the exposure's updatedAt as the caller read it), a change made since is
 * not overwritten: ConflictError and nothing written.
 */
export async function updateExposure(
  db: Database,
  scope: TenantScope,
  id: string,
  patch: ExposurePatch,
  expectedUpdatedAt?: Date | null,
): Promise<Exposure> {
  const data = validatePatch(patch);
  if (!isUuid(id)) throw new NotFoundError('Exposure');
  return withTenant(db, scope, async (tx) => {
    // Locked first, so a concurrent update lands before this read or after this transaction.
    await tx.$queryRaw`SELECT id FROM exposures WHERE id = ${id}::uuid FOR UPDATE`;
    const row = await tx.exposure.findFirst({ where: { id, organizationId: scope.organizationId } });
    if (!row) throw new NotFoundError('Exposure');
    if (expectedUpdatedAt && row.updatedAt.getTime() !== expectedUpdatedAt.getTime()) {
      throw new ConflictError(
        'expectedUpdatedAt',
        `the exposure was changed at ${row.updatedAt.toISOString()}, after the ${expectedUpdatedAt.toISOString()} version this change was based on; read it again and reapply the change`,
      );
    }
    const before = toExposure(row);
    const after = toExposure(await tx.exposure.update({ where: { id }, data }));
    await recordAudit(tx, scope, {
      action: 'exposure.update',
      entityType: 'Exposure',
      entityId: id,
      before: stored(before),
      after: stored(after),
    });
    return after;
  });
}
