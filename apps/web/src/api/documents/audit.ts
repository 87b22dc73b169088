import { graphql } from '../generated/gql.ts';

export type { AuditLogFilter } from '../generated/graphql.ts';

export const AUDIT_LOG = graphql(`
  query AuditLog($first: Int, $after: String, $last: Int, $before: String, $filter: AuditLogFilter) {
    auditLog(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      nodes {
        id
        action
        entityType
        entityId
        actor {
          kind
          id
          name
        }
        before
        after
        requestId
        createdAt
      }
    }
  }
`);
