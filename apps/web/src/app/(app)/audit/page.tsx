import { TEXT_LIMITS } from '@probity/db/limits';
import type { Metadata } from 'next';
import Link from 'next/link';
import { query, requirePermission } from '../../../api/load.ts';
import { AUDIT_LOG, type AuditLogFilter } from '../../../api/documents/audit.ts';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { Pager } from '../../../components/ui/pager.tsx';
import { EmptyState } from '../../../components/ui/states.tsx';
import { SearchIcon } from '../../../components/ui/icons.tsx';
import { formatDateTime, humanise } from '../../../lib/format.ts';
import { cursorPage, readParam, type SearchParams } from '../../../lib/cursor-page.ts';
import { auditChanges, entityHref, type FieldChange } from '../../../lib/audit-diff.ts';

export const metadata: Metadata = { title: 'Audit log' };

const PAGE_SIZE = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ENTITY_TYPES = ['Portfolio', 'Exposure', 'Obligor', 'ApiKey', 'Membership', 'User'];

interface AuditFilterState {
  action?: string;
  entityType?: string;
  entityId?: string;
  actor?: string;
  since?: string;
  until?: string;
}

function readFilters(params: SearchParams): AuditFilterState {
  const state: AuditFilterState = {};
  for (const key of ['action', 'entityType', 'entityId', 'actor'] as const) {
    const value = readParam(params, key)?.slice(0, 100);
    if (value) state[key] = value;
  }
  for (const key of ['since', 'until'] as const) {
    const value = readParam(params, key);
    if (value && DATE.test(value)) state[key] = value;
  }
  return state;
}

function apiFilter(state: AuditFilterState): AuditLogFilter {
  const filter: AuditLogFilter = {};
  if (state.action) filter.action = state.action;
  if (state.entityType) filter.entityType = state.entityType;
  if (state.entityId) filter.entityId = state.entityId;
  if (state.actor) filter.actorUserId = state.actor;
  if (state.since) filter.since = `${state.since}T00:00:00.000Z`;
  if (state.until) filter.until = `${state.until}T23:59:59.999Z`;
  return filter;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission('audit:read');
  const params = await searchParams;
  const filters = readFilters(params);
  const page = cursorPage(params, PAGE_SIZE);
  const { auditLog } = await query(AUDIT_LOG, { ...page.variables, filter: apiFilter(filters) });
  const keep = new URLSearchParams(Object.entries(filters) as [string, string][]);
  const filtered = Object.keys(filters).length > 0;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made through the dashboard or the API, newest first, with who made it and what changed."
      />
      <div className="card">
        <form className="toolbar" method="get" action="/audit" role="search" aria-label="Filter the audit log">
          <label className="field">
            <span className="field__label">Action</span>
            <input
              className="input"
              name="action"
              defaultValue={filters.action ?? ''}
              placeholder="e.g. exposure.update"
              maxLength={TEXT_LIMITS.filter}
            />
          </label>
          <label className="field">
            <span className="field__label">Entity type</span>
            <select className="select" name="entityType" defaultValue={filters.entityType ?? ''}>
              <option value="">All</option>
              {ENTITY_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">Entity id</span>
            <input className="input mono" name="entityId" defaultValue={filters.entityId ?? ''} maxLength={TEXT_LIMITS.filter} />
          </label>
          <label className="field">
            <span className="field__label">From</span>
            <input className="input" type="date" name="since" defaultValue={filters.since ?? ''} />
          </label>
          <label className="field">
            <span className="field__label">To</span>
            <input className="input" type="date" name="until" defaultValue={filters.until ?? ''} />
          </label>
          {filters.actor ? <input type="hidden" name="actor" value={filters.actor} /> : null}
          <div className="page-header__actions">
            <button type="submit" className="btn btn--primary">
              <SearchIcon /> Apply
            </button>
            {filtered ? (
              <Link className="btn btn--ghost" href="/audit">
                Reset
              </Link>
            ) : null}
          </div>
        </form>
        {filters.actor ? (
          <div className="alert alert--info filter-note">
            Showing changes by one user only. <Link href={`/audit?${withoutKey(keep, 'actor')}`}>Show everyone</Link>
          </div>
        ) : null}
        {auditLog.nodes.length === 0 ? (
          <EmptyState title={filtered ? 'No entries match these filters' : 'No changes recorded yet'}>
            <p>
              {filtered
                ? 'Widen the date range or remove a filter.'
                : 'Edits to portfolios, exposures and API keys appear here as they happen.'}
            </p>
          </EmptyState>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table" data-testid="audit-table">
                <thead>
                  <tr>
                    <th scope="col">Time (UTC)</th>
                    <th scope="col">Actor</th>
                    <th scope="col">Action</th>
                    <th scope="col">Entity</th>
                    <th scope="col">Changes</th>
                    <th scope="col">Request</th>
                  </tr>
                </thead>
                <tbody>
                  {auditLog.nodes.map((entry) => {
                    const changes = auditChanges(entry.before, entry.after);
                    const href = entityHref(entry.entityType, entry.entityId);
                    return (
                      <tr key={entry.id}>
                        <td className="muted">{formatDateTime(entry.createdAt)}</td>
                        <td>
                          {entry.actor.kind === 'USER' && entry.actor.id ? (
                            <Link
                              className="cell-title"
                              href={`/audit?${withKey(keep, 'actor', entry.actor.id)}`}
                              title="Show only this user's changes"
                            >
                              {entry.actor.name}
                            </Link>
                          ) : (
                            <span className="cell-title">{entry.actor.name}</span>
                          )}
                          <div className="cell-sub">{humanise(entry.actor.kind)}</div>
                        </td>
                        <td>
                          <code>{entry.action}</code>
                        </td>
                        <td>
                          <div>{entry.entityType}</div>
                          <div className="cell-sub mono">
                            {href ? <Link href={href}>{shortId(entry.entityId)}</Link> : shortId(entry.entityId)}
                          </div>
                        </td>
                        <td className="wrap">
                          {changes.length === 0 ? (
                            <span className="muted">—</span>
                          ) : (
                            <ul className="change-list">
                              {changes.slice(0, 4).map((change) => (
                                <ChangeLine key={change.field} change={change} />
                              ))}
                              {changes.length > 4 ? (
                                <li>
                                  <details>
                                    <summary>{changes.length - 4} more</summary>
                                    <ul className="change-list">
                                      {changes.slice(4).map((change) => (
                                        <ChangeLine key={change.field} change={change} />
                                      ))}
                                    </ul>
                                  </details>
                                </li>
                              ) : null}
                            </ul>
                          )}
                        </td>
                        <td className="cell-sub mono">{entry.requestId ? shortId(entry.requestId) : '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pager
              totalCount={auditLog.totalCount}
              shown={auditLog.nodes.length}
              noun={auditLog.totalCount === 1 ? 'entry' : 'entries'}
              {...page.links('/audit', auditLog.pageInfo, keep)}
            />
          </>
        )}
      </div>
    </>
  );
}

function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

function withKey(params: URLSearchParams, key: string, value: string): string {
  const next = new URLSearchParams(params);
  next.set(key, value);
  return next.toString();
}

function withoutKey(params: URLSearchParams, key: string): string {
  const next = new URLSearchParams(params);
  next.delete(key);
  return next.toString();
}

/** "ead: 1000 → 1500" for a change; "name: Book A" for a value set on creation. */
function ChangeLine({ change }: { change: FieldChange }) {
  return (
    <li>
      <span className="muted">{change.field}:</span>{' '}
      {change.before === '—' ? (
        <strong>{change.after}</strong>
      ) : (
        <>
          {change.before} → <strong>{change.after}</strong>
        </>
      )}
    </li>
  );
}
