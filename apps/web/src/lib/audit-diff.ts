// What an audit entry changed, field by field, from its before/after snapshots. Creations have no
// "before", deletions no "after"; everything else shows only the fields whose value differs.

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (value === null) return 'empty';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Identifiers, timestamps and bookkeeping: they change on every write and say nothing about the change. */
const NOISE = new Set(['id', 'organizationId', 'createdAt', 'updatedAt', 'dataVersion']);

export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const from = isRecord(before) ? before : {};
  const to = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])].filter((field) => !NOISE.has(field));
  return fields
    .filter((field) => JSON.stringify(from[field]) !== JSON.stringify(to[field]))
    .map((field) => ({ field, before: show(from[field]), after: show(to[field]) }));
}

/** Where an audited entity lives in the dashboard, when it has a page. */
export function entityHref(entityType: string, entityId: string): string | null {
  switch (entityType.toLowerCase()) {
    case 'portfolio':
      return `/portfolios/${entityId}`;
    case 'exposure':
      return `/exposures/${entityId}`;
    case 'obligor':
      return `/obligors/${entityId}`;
    case 'apikey':
    case 'api_key':
      return '/settings/api-keys';
    default:
      return null;
  }
}
