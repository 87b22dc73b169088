import type { Metadata } from 'next';
import { query, requirePermission } from '../../../../api/load.ts';
import { API_KEYS } from '../../../../api/documents/api-keys.ts';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { EmptyState } from '../../../../components/ui/states.tsx';
import { StatusBadge } from '../../../../components/ui/badges.tsx';
import { Pager } from '../../../../components/ui/pager.tsx';
import { formatDate, formatDateTime, formatInteger } from '../../../../lib/format.ts';
import { cursorPage, type SearchParams } from '../../../../lib/cursor-page.ts';
import { CreateApiKeyForm } from './create-api-key-form.tsx';
import { RevokeButton } from './revoke-button.tsx';

export const metadata: Metadata = { title: 'API keys' };

const PAGE_SIZE = 25;
const PATH = '/settings/api-keys';

export default async function ApiKeysPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission('apiKey:manage');
  const page = cursorPage(await searchParams, PAGE_SIZE);
  const { nodes: apiKeys, totalCount, pageInfo } = (await query(API_KEYS, page.variables)).apiKeys;
  return (
    <>
      <PageHeader
        title="API keys"
        crumbs={[{ label: 'Administration' }, { label: 'API keys' }]}
        description="Keys let other systems call the Probity GraphQL API for your organization. Each key acts with the role its scopes grant; every call is audited."
      />
      <div className="stack">
        <CreateApiKeyForm />
        <section className="card">
          <div className="card__header">
            <h2>Keys</h2>
            <span className="card__subtitle">{formatInteger(totalCount)} in total, newest first</span>
          </div>
          {apiKeys.length === 0 ? (
            <EmptyState title="No API keys yet">
              <p>Create a key above to let another system read or update your portfolios.</p>
            </EmptyState>
          ) : (
            <>
              <div className="card__body card__body--flush table-wrap">
                <table className="table" data-testid="api-key-table">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Prefix</th>
                      <th scope="col">Scopes</th>
                      <th scope="col">Status</th>
                      <th scope="col">Created</th>
                      <th scope="col">Last used</th>
                      <th scope="col">Expires</th>
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {apiKeys.map((key) => (
                      <tr key={key.id} data-key-prefix={key.prefix}>
                        <td className="cell-title">{key.name}</td>
                        <td>
                          <code>{key.prefix}…</code>
                        </td>
                        <td>
                          {key.scopes.map((scope) => (
                            <span key={scope} className="badge badge--brand scope-badge">
                              {scope}
                            </span>
                          ))}
                        </td>
                        <td>
                          <StatusBadge status={key.status} />
                          {key.revokedAt ? <div className="cell-sub">{formatDateTime(key.revokedAt)}</div> : null}
                          {key.status === 'SUSPENDED' ? (
                            <div className="cell-sub">its creator is disabled or no longer a member</div>
                          ) : null}
                        </td>
                        <td>
                          {formatDate(key.createdAt)}
                          <div className="cell-sub">{key.createdBy ? `by ${key.createdBy.name}` : 'no creator recorded'}</div>
                        </td>
                        <td className="muted">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</td>
                        <td className="muted">{key.expiresAt ? formatDate(key.expiresAt) : 'Never'}</td>
                        <td>
                          {key.status === 'ACTIVE' || key.status === 'SUSPENDED' ? (
                            <RevokeButton keyId={key.id} keyName={key.name} />
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                totalCount={totalCount}
                shown={apiKeys.length}
                noun={totalCount === 1 ? 'key' : 'keys'}
                {...page.links(PATH, pageInfo)}
              />
            </>
          )}
        </section>
      </div>
    </>
  );
}
