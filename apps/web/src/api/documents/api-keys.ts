import { graphql } from '../generated/gql.ts';
import type { ApiKeyScope } from '../generated/graphql.ts';
import { allValues } from '../../lib/all-values.ts';

export type { ApiKeyScope, ApiKeyFieldsFragment as ApiKeyRow } from '../generated/graphql.ts';

export const API_KEY_SCOPES = allValues<ApiKeyScope>()(['READ', 'WRITE', 'ADMIN']);

export const API_KEY_FIELDS = graphql(`
  fragment ApiKeyFields on ApiKey {
    id
    name
    scopes
    prefix
    status
    createdBy {
      id
      name
      email
    }
    lastUsedAt
    expiresAt
    revokedAt
    createdAt
  }
`);

/** Newest first. */
export const API_KEYS = graphql(`
  query ApiKeys($first: Int, $after: String, $last: Int, $before: String) {
    apiKeys(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      nodes {
        ...ApiKeyFields
      }
    }
  }
`);

export const CREATE_API_KEY = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        ...ApiKeyFields
      }
    }
  }
`);

export const REVOKE_API_KEY = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      ...ApiKeyFields
    }
  }
`);
