import { graphql } from '../document.ts';
import { PAGE_INFO_FIELDS, type DateTime, type PageArgs, type PageInfo } from './common.ts';

export const API_KEY_SCOPES = ['READ', 'WRITE', 'ADMIN'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export type ApiKeyStatus = 'ACTIVE' | 'REVOKED' | 'EXPIRED';

export interface ApiKeyRow {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  prefix: string;
  status: ApiKeyStatus;
  createdBy: { id: string; name: string; email: string } | null;
  lastUsedAt: DateTime | null;
  expiresAt: DateTime | null;
  revokedAt: DateTime | null;
  createdAt: DateTime;
}

const API_KEY_FIELDS = 'id name scopes prefix status createdBy { id name email } lastUsedAt expiresAt revokedAt createdAt';

/** Newest first. */
export const API_KEYS = graphql<{ apiKeys: { totalCount: number; pageInfo: PageInfo; nodes: ApiKeyRow[] } }, PageArgs>(`
  query ApiKeys($first: Int, $after: String, $last: Int, $before: String) {
    apiKeys(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      ${PAGE_INFO_FIELDS}
      nodes { ${API_KEY_FIELDS} }
    }
  }
`);

export interface CreateApiKeyInput {
  name: string;
  scopes: ApiKeyScope[];
  expiresAt?: DateTime | null;
}

export const CREATE_API_KEY = graphql<{ createApiKey: { secret: string; apiKey: ApiKeyRow } }, { input: CreateApiKeyInput }>(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { secret apiKey { ${API_KEY_FIELDS} } }
  }
`);

export const REVOKE_API_KEY = graphql<{ revokeApiKey: ApiKeyRow }, { id: string }>(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) { ${API_KEY_FIELDS} }
  }
`);
