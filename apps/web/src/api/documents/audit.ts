import { graphql } from '../document.ts';
import { PAGE_INFO_FIELDS, type DateTime, type PageArgs, type PageInfo } from './common.ts';

export interface AuditEntry {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  actor: { kind: 'USER' | 'API_KEY' | 'SYSTEM'; id: string | null; name: string };
  before: unknown;
  after: unknown;
  requestId: string | null;
  createdAt: DateTime;
}

export interface AuditLogFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  since?: DateTime;
  until?: DateTime;
}

export const AUDIT_LOG = graphql<
  { auditLog: { totalCount: number; pageInfo: PageInfo; nodes: AuditEntry[] } },
  PageArgs & { filter?: AuditLogFilter }
>(`
  query AuditLog($first: Int, $after: String, $last: Int, $before: String, $filter: AuditLogFilter) {
    auditLog(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      ${PAGE_INFO_FIELDS}
      nodes { id action entityType entityId actor { kind id name } before after requestId createdAt }
    }
  }
`);
