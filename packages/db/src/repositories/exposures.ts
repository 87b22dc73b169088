// Exposures: the filtered, sorted, cursor-paginated table; batched lookups; audited updates.
import type { Database } from '../client.ts';
import { Prisma, type Exposure as ExposureRow } from '../generated/prisma/client.ts';
import type { Exposure } from '../domain/entities.ts';
import type { ExposureStatus, Segment } from '../domain/values.ts';
import { toExposure } from '../domain/from-rows.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { FRACTION, MONEY, parseDecimal } from '../decimal.ts';
import { isUuid, validUuids } from '../ids.ts';
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
  value(row: ExposureWithObligorName): string | number | null;
  orderBy(dir: Dir): Prisma.ExposureOrderByWithRelationInput;
  compare(op: 'gt' | 'lt' | 'equals', v: string | number): Prisma.ExposureWhereInput;
  isNull(isNull: boolean): Prisma.ExposureWhereInput;
}

type ExposureWithObligorName = ExposureRow & { obligor: { name: string } };

function decimalSort(field: 'ead' | 'limit' | 'lgd'): SortSpec {
  return {
    nullable: false,
    value: (row) => row[field].toString(),
    orderBy: (dir) => ({ [field]: dir }),
    compare: (op, v) => ({ [field]: { [op]: new Prisma.Decimal(String(v)) } }),
    isNull: () => ({}),
  };
}

const SORTS: Record<ExposureSortField, SortSpec> = {
  EAD: decimalSort('ead'),
  LIMIT: decimalSort('limit'),
  LGD: decimalSort('lgd'),
  DAYS_PAST_DUE: {
    nullable: false,
    value: (row) => row.daysPastDue,
    orderBy: (dir) => ({ daysPastDue: dir }),
    compare: (op, v) => ({ daysPastDue: { [op]: Number(v) } }),
    isNull: () => ({}),
  },
  MATURITY_DATE: {
    nullable: true,
    value: (row) => row.maturityDate?.toISOString() ?? null,
    orderBy: (dir) => ({ maturityDate: { sort: dir, nulls: dir === 'asc' ? 'last' : 'first' } }),
    compare: (op, v) => ({ maturityDate: { [op]: new Date(String(v)) } }),
    isNull: (isNull) => ({ maturityDate: isNull ? null : { not: null } }),
  },
  EXTERNAL_ID: {
    nullable: false,
    value: (row) => row.externalId,
    orderBy: (dir) => ({ externalId: dir }),
    compare: (op, v) => ({ externalId: { [op]: String(v) } }),
    isNull: () => ({}),
  },
  OBLIGOR_NAME: {
    nullable: false,
    value: (row) => row.obligor.name,
    orderBy: (dir) => ({ obligor: { name: dir } }),
    compare: (op, v) => ({ obligor: { name: { [op]: String(v) } } }),
    isNull: () => ({}),
  },
  UPDATED_AT: {
    nullable: false,
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
  if (filter.segment) obligor.segment = filter.segment;
  if (filter.sector) obligor.sector = filter.sector;
  if (filter.country) obligor.country = filter.country.toUpperCase();
  if (Object.keys(obligor).length) and.push({ obligor });
  if (filter.status) and.push({ status: filter.status });
  if (filter.currency) and.push({ currency: filter.currency.toUpperCase() });
  if (filter.product) and.push({ product: filter.product });
  if (filter.obligorId) and.push({ obligorId: isUuid(filter.obligorId) ? filter.obligorId : '00000000-0000-0000-0000-000000000000' });
  if (filter.minEad != null) and.push({ ead: { gte: parseDecimal('filter.minEad', filter.minEad, MONEY) } });
  if (filter.maxEad != null) and.push({ ead: { lte: parseDecimal('filter.maxEad', filter.maxEad, MONEY) } });
  if (filter.minDaysPastDue != null) {
    if (!Number.isInteger(filter.minDaysPastDue) || filter.minDaysPastDue < 0)
      throw new InputError('filter.minDaysPastDue', 'must be a non-negative integer');
    and.push({ daysPastDue: { gte: filter.minDaysPastDue } });
  }
  const search = filter.search?.trim();
  if (search) {
    if (search.length > 100) throw new InputError('filter.search', 'must be at most 100 characters');
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
  if (patch.product != null) {
    const product = patch.product.trim();
    if (!product || product.length > 80) throw new InputError('input.product', 'must be 1 to 80 characters');
    data.product = product;
  }
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
    else {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(patch.maturityDate) || Number.isNaN(Date.parse(patch.maturityDate))) {
        throw new InputError('input.maturityDate', 'must be a date as YYYY-MM-DD');
      }
      data.maturityDate = new Date(`${patch.maturityDate}T00:00:00Z`);
    }
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
