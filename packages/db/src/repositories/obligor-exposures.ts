// Obligor.exposures as cursor connections (largest EAD first, across the organization's portfolios),
// fetched for many obligors at once: one keyset query over a LATERAL join takes each obligor's page,
// so a DataLoader batch of N obligors costs three statements, not N. Each page walks the index
// (obligor_id, EAD in cents, id) through the tenant_exposures view (row-level security would keep the
// numeric keyset comparison out of the index: see the exposure_table_at_scale migration). The order and
// the keyset use the index's expression (integer_sort_keys migration); the cursor is the EAD's text.
import type { Database } from '../client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { Exposure } from '../domain/entities.ts';
import { toExposure } from '../domain/from-rows.ts';
import { InputError } from '../errors.ts';
import { validUuids } from '../ids.ts';
import { EAD_CENTS_SQL, scaledInteger } from './exposure-query.ts';
import { mapNodes, resolvePage, toConnection, type Connection, type PageArgs, type ResolvedPage } from '../pagination.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';

const DECIMAL = /^\d{1,18}(\.\d{1,2})?$/;

/** A cursor's EAD (checked against DECIMAL) in cents, as text; null when out of the column's range. */
function centsOf(v: unknown): string | null {
  return typeof v === 'string' && DECIMAL.test(v) ? (scaledInteger(v, 2, 10n ** 18n)?.toString() ?? null) : null;
}

/** The ids of each obligor's page (largest EAD first; walking backwards flips the order and the keyset). */
export function obligorPagesQuery(organizationId: string, obligorIds: string[], page: ResolvedPage): Prisma.Sql {
  const order = Prisma.raw(page.backward ? 'ASC' : 'DESC');
  const cursor = page.cursor;
  const cents = Prisma.raw(EAD_CENTS_SQL);
  const after = cursor
    ? Prisma.sql`AND (${cents}, e.id) ${Prisma.raw(page.backward ? '>' : '<')} (${centsOf(cursor.v)}::bigint, ${cursor.id}::uuid)`
    : Prisma.empty;
  return Prisma.sql`
      SELECT o.id AS obligor_id, p.id
        FROM unnest(${obligorIds}::uuid[]) WITH ORDINALITY AS o(id, ord)
       CROSS JOIN LATERAL (
             SELECT e.id, e.ead FROM tenant_exposures e
              WHERE e.obligor_id = o.id AND e.organization_id = ${organizationId}::uuid ${after}
              ORDER BY ${cents} ${order}, e.id ${order}
              LIMIT ${page.take}) p
       ORDER BY o.ord, p.ead ${order}, p.id ${order}`;
}

/** One page per obligor, in the order of `obligorIds`, all with the same page arguments. */
export async function exposuresOfObligors(
  db: Database,
  scope: TenantScope,
  obligorIds: readonly string[],
  args: PageArgs = {},
): Promise<Connection<Exposure>[]> {
  const page = resolvePage(args, 50);
  const cursor = page.cursor;
  if (cursor && centsOf(cursor.v) === null) {
    throw new InputError(page.backward ? 'before' : 'after', 'is not a valid cursor');
  }
  const ids = validUuids(obligorIds);
  const empty = () => toConnection<Exposure>([], page, () => ({ v: null, id: '' }), 0);
  if (ids.length === 0) return obligorIds.map(empty);
  const org = scope.organizationId;

  return withTenant(db, scope, async (tx) => {
    const pageIds = await tx.$queryRaw<{ obligor_id: string; id: string }[]>(obligorPagesQuery(org, ids, page));
    const [rows, counts] = await Promise.all([
      tx.exposure.findMany({ where: { organizationId: org, id: { in: pageIds.map((r) => r.id) } } }),
      tx.exposure.groupBy({ by: ['obligorId'], where: { organizationId: org, obligorId: { in: ids } }, _count: { _all: true } }),
    ]);
    const rowById = new Map(rows.map((row) => [row.id, row]));
    const countOf = new Map(counts.map((c) => [c.obligorId, c._count._all]));
    const pageOf = new Map<string, typeof rows>();
    for (const { obligor_id: obligorId, id } of pageIds) {
      const row = rowById.get(id);
      if (!row) continue;
      const list = pageOf.get(obligorId);
      if (list) list.push(row);
      else pageOf.set(obligorId, [row]);
    }
    return obligorIds.map((obligorId) =>
      mapNodes(
        toConnection(pageOf.get(obligorId) ?? [], page, (row) => ({ v: row.ead.toFixed(2), id: row.id }), countOf.get(obligorId) ?? 0),
        toExposure,
      ),
    );
  });
}
