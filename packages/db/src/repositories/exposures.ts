// Exposures: the filtered, sorted, cursor-paginated table; batched lookups; audited updates.
import type { Database } from '../client.ts';
import { Prisma, type Exposure as ExposureRow } from '../generated/prisma/client.ts';
import type { Exposure } from '../domain/entities.ts';
import type { ExposureStatus, Segment } from '../domain/values.ts';
import { toExposure } from '../domain/from-rows.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { FRACTION, MONEY, parseDecimal } from '../decimal.ts';
import { isUuid, validUuids } from '../ids.ts';
import { TEXT_LIMITS } from '../domain/limits.ts';
import { optionalText, parseLocalDate, text, uuid } from '../validate.ts';
import { mapNodes, resolvePage, toConnection, type Connection, type CursorValue, type PageArgs } from '../pagination.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { recordAudit } from './audit.ts';

export const EXPOSURE_SORT_FIELDS = [
  'EAD',
  'LIMIT',
  'LGD',
  'DAYS_PAST_DUE',
  'MATURITY_DATE',
  'EXTERNAL_ID',
  'OBLIGOR_NAME',
  'UPDATED_AT',
] as const;
export type ExposureSortField = (typeof EXPOSURE_SORT_FIELDS)[number];
export type SortDirection = 'ASC' | 'DESC';

export interface ExposureOrder {
  field: ExposureSortField;
  direction: SortDirection;
}

export interface ExposureFilter {
  /** Case-insensitive match on the facility reference, obligor name or obligor reference. */
  search?: string | null;
  segment?: Segment | null;
  sector?: string | null;
  country?: string | null;
  status?: ExposureStatus | null;
  currency?: string | null;
  product?: string | null;
  minEad?: string | null;
  maxEad?: string | null;
  minDaysPastDue?: number | null;
  obligorId?: string | null;
}

type Dir = 'asc' | 'desc';
const flip = (d: Dir): Dir => (d === 'asc' ? 'desc' : 'asc');

interface SortSpec {
  nullable: boolean;
  /** Whether a cursor's value can be this field's (a tampered cursor is refused before any SQL). */
  accepts(v: string | number): boolean;
  value(row: ExposureWithObligorName): string | number | null;
  orderBy(dir: Dir): Prisma.ExposureOrderByWithRelationInput;
  compare(op: 'gt' | 'lt' | 'equals', v: string | number): Prisma.ExposureWhereInput;
  isNull(isNull: boolean): Prisma.ExposureWhereInput;
}

type ExposureWithObligorName = ExposureRow & { obligor: { name: string } };

function decimalSort(field: 'ead' | 'limit' | 'lgd'): SortSpec {
  return {
    nullable: false,
    accepts: (v) => typeof v === 'string' && /^\d{1,16}(\.\d{1,4})?$/.test(v),
    value: (row) => row[field].toString(),
    orderBy: (dir) => ({ [field]: dir }),
    compare: (op, v) => ({ [field]: { [op]: new Prisma.Decimal(String(v)) } }),
    isNull: () => ({}),
  };
}

// What a cursor written by this module holds: an ISO instant, or text PostgreSQL can compare.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
function isInstant(v: string | number): boolean {
  return typeof v === 'string' && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v)) && v >= '1900' && v < '3000';
}
function isStoredText(v: string | number): boolean {
  // eslint-disable-next-line no-control-regex
  return typeof v === 'string' && v.length <= 1000 && !/\u0000/.test(v);
}

const SORTS: Record<ExposureSortField, SortSpec> = {
  EAD: decimalSort('ead'),
  LIMIT: decimalSort('limit'),
  LGD: decimalSort('lgd'),
  DAYS_PAST_DUE: {
    nullable: false,
    accepts: (v) => Number.isSafeInteger(v),
    value: (row) => row.daysPastDue,
    orderBy: (dir) => ({ daysPastDue: dir }),
    compare: (op, v) => ({ daysPastDue: { [op]: Number(v) } }),
    isNull: () => ({}),
  },
  MATURITY_DATE: {
    nullable: true,
    accepts: isInstant,
    value: (row) => row.maturityDate?.toISOString() ?? null,
    orderBy: (dir) => ({ maturityDate: { sort: dir, nulls: dir === 'asc' ? 'last' : 'first' } }),
    compare: (op, v) => ({ maturityDate: { [op]: new Date(String(v)) } }),
    isNull: (isNull) => ({ maturityDate: isNull ? null : { not: null } }),
  },
  EXTERNAL_ID: {
    nullable: false,
    accepts: isStoredText,
    value: (row) => row.externalId,
    orderBy: (dir) => ({ externalId: dir }),
    compare: (op, v) => ({ externalId: { [op]: String(v) } }),
    isNull: () => ({}),
  },
  OBLIGOR_NAME: {
    nullable: false,
    accepts: isStoredText,
    value: (row) => row.obligor.name,
    orderBy: (dir) => ({ obligor: { name: dir } }),
    compare: (op, v) => ({ obligor: { name: { [op]: String(v) } } }),
    isNull: () => ({}),
  },
  UPDATED_AT: {
    nullable: false,
    accepts: isInstant,
    value: (row) => row.updatedAt.toISOString(),
    orderBy: (dir) => ({ updatedAt: dir }),
    compare: (op, v) => ({ updatedAt: { [op]: new Date(String(v)) } }),
    isNull: () => ({}),
  },
};

// Rows strictly after the cursor in fetch direction `dir`, with the id as tie-break. Nulls sort last
// in the forward (asc) order of a nullable field, hence first when walking it in reverse.
function afterCursor(spec: SortSpec, dir: Dir, cursor: CursorValue): Prisma.ExposureWhereInput {
  const op = dir === 'asc' ? 'gt' : 'lt';
  const idAfter: Prisma.ExposureWhereInput = { id: { [op]: cursor.id } };
  const nullsLastInThisWalk = dir === 'asc';
  if (cursor.v === null) {
    const sameNull = { AND: [spec.isNull(true), idAfter] };
    return nullsLastInThisWalk ? sameNull : { OR: [spec.isNull(false), sameNull] };
  }
  const branches: Prisma.ExposureWhereInput[] = [spec.compare(op, cursor.v), { AND: [spec.compare('equals', cursor.v), idAfter] }];
  if (spec.nullable && nullsLastInThisWalk) branches.push(spec.isNull(true));
  return { OR: branches };
}

function filterWhere(scope: TenantScope, portfolioId: string, filter: ExposureFilter): Prisma.ExposureWhereInput {
  const and: Prisma.ExposureWhereInput[] = [{ organizationId: scope.organizationId, portfolioId }];
  const obligor: Prisma.ObligorWhereInput = {};
  const filterText = (name: keyof ExposureFilter, value: string | null | undefined) =>
    optionalText(`filter.${name}`, value, { max: TEXT_LIMITS.filter });
  if (filter.segment) obligor.segment = filter.segment;
  const sector = filterText('sector', filter.sector);
  if (sector) obligor.sector = sector;
  const country = filterText('country', filter.country)?.toUpperCase();
  if (country) {
    if (!/^[A-Z]{2}$/.test(country)) throw new InputError('filter.country', 'must be a two-letter ISO 3166-1 code');
    obligor.country = country;
  }
  if (Object.keys(obligor).length) and.push({ obligor });
  if (filter.status) and.push({ status: filter.status });
  const currency = filterText('currency', filter.currency)?.toUpperCase();
  if (currency) {
    if (!/^[A-Z]{3}$/.test(currency)) throw new InputError('filter.currency', 'must be a three-letter ISO 4217 code');
    and.push({ currency });
  }
  const product = filterText('product', filter.product);
  if (product) and.push({ product });
  if (filter.obligorId) and.push({ obligorId: uuid('filter.obligorId', filter.obligorId) });
  if (filter.minEad != null) and.push({ ead: { gte: parseDecimal('filter.minEad', filter.minEad, MONEY) } });
  if (filter.maxEad != null) and.push({ ead: { lte: parseDecimal('filter.maxEad', filter.maxEad, MONEY) } });
  if (filter.minDaysPastDue != null) {
    if (!Number.isInteger(filter.minDaysPastDue) || filter.minDaysPastDue < 0)
      throw new InputError('filter.minDaysPastDue', 'must be a non-negative integer');
    and.push({ daysPastDue: { gte: filter.minDaysPastDue } });
  }
  const search = optionalText('filter.search', filter.search, { max: TEXT_LIMITS.search });
  if (search) {
    and.push({
      OR: [
        { externalId: { contains: search, mode: 'insensitive' } },
        { obligor: { name: { contains: search, mode: 'insensitive' } } },
        { obligor: { externalId: { contains: search, mode: 'insensitive' } } },
      ],
    });
  }
  return { AND: and };
}

export interface ListExposuresArgs extends PageArgs {
  filter?: ExposureFilter | null;
  orderBy?: ExposureOrder | null;
}

export async function listExposures(
  db: Database,
  scope: TenantScope,
  portfolioId: string,
  args: ListExposuresArgs,
): Promise<Connection<Exposure>> {
  const page = resolvePage(args, 50);
  const order = args.orderBy ?? { field: 'EAD', direction: 'DESC' };
  const spec = SORTS[order.field];
  if (!spec) throw new InputError('orderBy.field', `must be one of ${EXPOSURE_SORT_FIELDS.join(', ')}`);
  const forward: Dir = order.direction === 'ASC' ? 'asc' : 'desc';
  const dir = page.backward ? flip(forward) : forward;
  if (page.cursor && page.cursor.v !== null && !spec.accepts(page.cursor.v)) {
    throw new InputError(page.backward ? 'before' : 'after', 'is not a valid cursor for this order');
  }
  if (!isUuid(portfolioId)) return toConnection([], page, () => ({ v: null, id: '' }), 0);
  const where = filterWhere(scope, portfolioId, args.filter ?? {});
  const pageWhere = page.cursor ? { AND: [where, afterCursor(spec, dir, page.cursor)] } : where;
  return withTenant(db, scope, async (tx) => {
    const [rows, total] = await Promise.all([
      tx.exposure.findMany({
        where: pageWhere,
        orderBy: [spec.orderBy(dir), { id: dir }],
        take: page.take,
        // The obligor's name is needed only to build cursors when sorting by it.
        ...(order.field === 'OBLIGOR_NAME' ? { include: { obligor: { select: { name: true } } } } : {}),
      }) as Promise<ExposureWithObligorName[]>,
      tx.exposure.count({ where }),
    ]);
    return mapNodes(
      toConnection(rows, page, (row) => ({ v: spec.value(row), id: row.id }), total),
      toExposure,
    );
  });
}

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
  if (Object.keys(data).length === 0) throw new InputError('input', 'names no field to change');
  return data;
}

/** What the audit trail keeps of an exposure: stored fields only (utilisation is derived). */
function stored(exposure: Exposure): Omit<Exposure, 'utilisation'> {
  const { utilisation: _derived, ...fields } = exposure;
  return fields;
}

/** Applies the patch and writes the audit row in one transaction. NotFoundError for ids not visible. */
export async function updateExposure(db: Database, scope: TenantScope, id: string, patch: ExposurePatch): Promise<Exposure> {
  const data = validatePatch(patch);
  if (!isUuid(id)) throw new NotFoundError('Exposure');
  return withTenant(db, scope, async (tx) => {
    const row = await tx.exposure.findFirst({ where: { id, organizationId: scope.organizationId } });
    if (!row) throw new NotFoundError('Exposure');
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
