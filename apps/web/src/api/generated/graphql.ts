/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ActorKind =
  | 'API_KEY'
  | 'SYSTEM'
  | 'USER';

export type ApiKeyScope =
  /** Everything, including keys (acts as ADMIN). */
  | 'ADMIN'
  /** Read everything the organization can see (acts as VIEWER). */
  | 'READ'
  /** Read and edit exposures (acts as ANALYST). */
  | 'WRITE';

export type ApiKeyStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'REVOKED';

export type AuditLogFilter = {
  action?: string | null | undefined;
  actorUserId?: string | number | null | undefined;
  entityId?: string | number | null | undefined;
  entityType?: string | null | undefined;
  since?: string | null | undefined;
  until?: string | null | undefined;
};

export type CreateApiKeyInput = {
  expiresAt?: string | null | undefined;
  name: string;
  scopes: Array<ApiKeyScope>;
};

export type CreatePortfolioInput = {
  /** ISO 4217; default USD. */
  baseCurrency?: string | null | undefined;
  description?: string | null | undefined;
  name: string;
};

export type ExposureFilter = {
  country?: string | null | undefined;
  currency?: string | null | undefined;
  maxEad?: string | null | undefined;
  minDaysPastDue?: number | null | undefined;
  minEad?: string | null | undefined;
  obligorId?: string | number | null | undefined;
  product?: string | null | undefined;
  /** Case-insensitive match on the facility reference, obligor name or obligor reference. */
  search?: string | null | undefined;
  sector?: string | null | undefined;
  segment?: Segment | null | undefined;
  status?: ExposureStatus | null | undefined;
};

export type ExposureOrder = {
  direction?: SortDirection;
  field: ExposureSortField;
};

export type ExposureSortField =
  | 'DAYS_PAST_DUE'
  | 'EAD'
  | 'EXTERNAL_ID'
  | 'LGD'
  | 'LIMIT'
  | 'MATURITY_DATE'
  | 'OBLIGOR_NAME'
  | 'UPDATED_AT';

export type ExposureStatus =
  | 'CLOSED'
  | 'DEFAULTED'
  | 'PERFORMING'
  | 'WATCHLIST';

export type Role =
  | 'ADMIN'
  | 'ANALYST'
  | 'RISK_OFFICER'
  | 'VIEWER';

export type Segment =
  | 'CORPORATE'
  | 'RETAIL'
  | 'SME';

export type SortDirection =
  | 'ASC'
  | 'DESC';

/** Fields to change; omitted fields stay as they are. collateralValue and maturityDate accept null to clear. */
export type UpdateExposureInput = {
  collateralValue?: string | null | undefined;
  daysPastDue?: number | null | undefined;
  ead?: string | null | undefined;
  lgd?: string | null | undefined;
  limit?: string | null | undefined;
  maturityDate?: string | null | undefined;
  product?: string | null | undefined;
  status?: ExposureStatus | null | undefined;
};

export type ApiKeyFieldsFragment = { id: string, name: string, scopes: Array<ApiKeyScope>, prefix: string, status: ApiKeyStatus, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null, createdAt: string, createdBy: { id: string, name: string, email: string } | null };

export type ApiKeysQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type ApiKeysQuery = { apiKeys: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, name: string, scopes: Array<ApiKeyScope>, prefix: string, status: ApiKeyStatus, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null, createdAt: string, createdBy: { id: string, name: string, email: string } | null }> } };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey: { secret: string, apiKey: { id: string, name: string, scopes: Array<ApiKeyScope>, prefix: string, status: ApiKeyStatus, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null, createdAt: string, createdBy: { id: string, name: string, email: string } | null } } };

export type RevokeApiKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: { id: string, name: string, scopes: Array<ApiKeyScope>, prefix: string, status: ApiKeyStatus, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null, createdAt: string, createdBy: { id: string, name: string, email: string } | null } };

export type AuditLogQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: AuditLogFilter | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, action: string, entityType: string, entityId: string, before: unknown, after: unknown, requestId: string | null, createdAt: string, actor: { kind: ActorKind, id: string | null, name: string } }> } };

export type PageInfoFieldsFragment = { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null };

export type ObligorSummaryFieldsFragment = { id: string, name: string, externalId: string, segment: Segment, sector: string | null, country: string | null };

export type ExposureRowFieldsFragment = { id: string, externalId: string, product: string, currency: string, ead: string, limit: string, utilisation: string | null, lgd: string, daysPastDue: number, status: ExposureStatus, maturityDate: string | null };

export type PortfolioExposuresQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: ExposureFilter | null | undefined;
  orderBy?: ExposureOrder | null | undefined;
}>;


export type PortfolioExposuresQuery = { portfolio: { id: string, name: string, baseCurrency: string, summary: { eadBySector: Array<{ key: string }> }, exposures: { totalCount: number, totalCountIsEstimate: boolean, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, externalId: string, product: string, currency: string, ead: string, limit: string, utilisation: string | null, lgd: string, daysPastDue: number, status: ExposureStatus, maturityDate: string | null, obligor: { id: string, name: string, externalId: string, segment: Segment, sector: string | null, country: string | null } }> } } | null };

export type ExposureDetailFieldsFragment = { originationDate: string | null, collateralValue: string | null, createdAt: string, updatedAt: string, id: string, externalId: string, product: string, currency: string, ead: string, limit: string, utilisation: string | null, lgd: string, daysPastDue: number, status: ExposureStatus, maturityDate: string | null, portfolio: { id: string, name: string, baseCurrency: string }, obligor: { id: string, name: string, externalId: string, segment: Segment, sector: string | null, country: string | null } };

export type ExposureQueryVariables = Exact<{
  id: string | number;
}>;


export type ExposureQuery = { exposure: { originationDate: string | null, collateralValue: string | null, createdAt: string, updatedAt: string, id: string, externalId: string, product: string, currency: string, ead: string, limit: string, utilisation: string | null, lgd: string, daysPastDue: number, status: ExposureStatus, maturityDate: string | null, portfolio: { id: string, name: string, baseCurrency: string }, obligor: { id: string, name: string, externalId: string, segment: Segment, sector: string | null, country: string | null } } | null };

export type UpdateExposureMutationVariables = Exact<{
  id: string | number;
  input: UpdateExposureInput;
}>;


export type UpdateExposureMutation = { updateExposure: { originationDate: string | null, collateralValue: string | null, createdAt: string, updatedAt: string, id: string, externalId: string, product: string, currency: string, ead: string, limit: string, utilisation: string | null, lgd: string, daysPastDue: number, status: ExposureStatus, maturityDate: string | null, portfolio: { id: string, name: string, baseCurrency: string }, obligor: { id: string, name: string, externalId: string, segment: Segment, sector: string | null, country: string | null } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, kind: ActorKind, name: string, email: string | null, role: Role, permissions: Array<string>, organization: { id: string, name: string, slug: string } } };

export type ObligorQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type ObligorQuery = { obligor: { id: string, externalId: string, name: string, segment: Segment, sector: string | null, country: string | null, createdAt: string, updatedAt: string, totalEad: string, totalLimit: string, utilisation: string | null, maxDaysPastDue: number, currencies: Array<string>, portfolioCount: number, exposures: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, externalId: string, product: string, currency: string, ead: string, limit: string, utilisation: string | null, lgd: string, daysPastDue: number, status: ExposureStatus, maturityDate: string | null, portfolio: { id: string, name: string, baseCurrency: string } }> } } | null };

export type PortfolioListQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type PortfolioListQuery = { portfolios: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, name: string, description: string | null, baseCurrency: string, createdAt: string, summary: { exposureCount: number, obligorCount: number, totalEad: string, totalLimit: string, utilisation: string | null, defaultedCount: number } }> } };

export type PortfolioHeaderQueryVariables = Exact<{
  id: string | number;
}>;


export type PortfolioHeaderQuery = { portfolio: { id: string, name: string, description: string | null, baseCurrency: string, createdAt: string } | null };

export type BreakdownFieldsFragment = { key: string, exposureCount: number, ead: string, limit: string, share: string };

export type TopObligorFieldsFragment = { exposureCount: number, ead: string, share: string, obligor: { id: string, name: string, externalId: string, segment: Segment, sector: string | null, country: string | null } };

export type SnapshotPointFieldsFragment = { asOf: string, exposureCount: number, totalEad: string, totalLimit: string, totalLossGivenDefault: string, defaultedCount: number, defaultedEad: string };

export type PortfolioOverviewQueryVariables = Exact<{
  id: string | number;
  trendDays: number;
}>;


export type PortfolioOverviewQuery = { portfolio: { id: string, name: string, description: string | null, baseCurrency: string, createdAt: string, updatedAt: string, summary: { exposureCount: number, obligorCount: number, totalEad: string, totalLimit: string, utilisation: string | null, totalLossGivenDefault: string, defaultedCount: number, defaultedEad: string, eadBySegment: Array<{ key: string, exposureCount: number, ead: string, limit: string, share: string }>, eadBySector: Array<{ key: string, exposureCount: number, ead: string, limit: string, share: string }>, eadByStatus: Array<{ key: string, exposureCount: number, ead: string, limit: string, share: string }>, topObligors: Array<{ exposureCount: number, ead: string, share: string, obligor: { id: string, name: string, externalId: string, segment: Segment, sector: string | null, country: string | null } }> }, snapshots: { totalCount: number, nodes: Array<{ asOf: string, exposureCount: number, totalEad: string, totalLimit: string, totalLossGivenDefault: string, defaultedCount: number, defaultedEad: string }> } } | null };

export type CreatePortfolioMutationVariables = Exact<{
  input: CreatePortfolioInput;
}>;


export type CreatePortfolioMutation = { createPortfolio: { id: string, name: string } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ApiKeyFieldsFragmentDoc = new TypedDocumentString(`
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
    `, {"fragmentName":"ApiKeyFields"}) as unknown as TypedDocumentString<ApiKeyFieldsFragment, unknown>;
export const PageInfoFieldsFragmentDoc = new TypedDocumentString(`
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
    `, {"fragmentName":"PageInfoFields"}) as unknown as TypedDocumentString<PageInfoFieldsFragment, unknown>;
export const ExposureRowFieldsFragmentDoc = new TypedDocumentString(`
    fragment ExposureRowFields on Exposure {
  id
  externalId
  product
  currency
  ead
  limit
  utilisation
  lgd
  daysPastDue
  status
  maturityDate
}
    `, {"fragmentName":"ExposureRowFields"}) as unknown as TypedDocumentString<ExposureRowFieldsFragment, unknown>;
export const ObligorSummaryFieldsFragmentDoc = new TypedDocumentString(`
    fragment ObligorSummaryFields on Obligor {
  id
  name
  externalId
  segment
  sector
  country
}
    `, {"fragmentName":"ObligorSummaryFields"}) as unknown as TypedDocumentString<ObligorSummaryFieldsFragment, unknown>;
export const ExposureDetailFieldsFragmentDoc = new TypedDocumentString(`
    fragment ExposureDetailFields on Exposure {
  ...ExposureRowFields
  originationDate
  collateralValue
  createdAt
  updatedAt
  portfolio {
    id
    name
    baseCurrency
  }
  obligor {
    ...ObligorSummaryFields
  }
}
    fragment ObligorSummaryFields on Obligor {
  id
  name
  externalId
  segment
  sector
  country
}
fragment ExposureRowFields on Exposure {
  id
  externalId
  product
  currency
  ead
  limit
  utilisation
  lgd
  daysPastDue
  status
  maturityDate
}`, {"fragmentName":"ExposureDetailFields"}) as unknown as TypedDocumentString<ExposureDetailFieldsFragment, unknown>;
export const BreakdownFieldsFragmentDoc = new TypedDocumentString(`
    fragment BreakdownFields on Breakdown {
  key
  exposureCount
  ead
  limit
  share
}
    `, {"fragmentName":"BreakdownFields"}) as unknown as TypedDocumentString<BreakdownFieldsFragment, unknown>;
export const TopObligorFieldsFragmentDoc = new TypedDocumentString(`
    fragment TopObligorFields on TopObligor {
  obligor {
    ...ObligorSummaryFields
  }
  exposureCount
  ead
  share
}
    fragment ObligorSummaryFields on Obligor {
  id
  name
  externalId
  segment
  sector
  country
}`, {"fragmentName":"TopObligorFields"}) as unknown as TypedDocumentString<TopObligorFieldsFragment, unknown>;
export const SnapshotPointFieldsFragmentDoc = new TypedDocumentString(`
    fragment SnapshotPointFields on PortfolioSnapshot {
  asOf
  exposureCount
  totalEad
  totalLimit
  totalLossGivenDefault
  defaultedCount
  defaultedEad
}
    `, {"fragmentName":"SnapshotPointFields"}) as unknown as TypedDocumentString<SnapshotPointFieldsFragment, unknown>;
export const ApiKeysDocument = new TypedDocumentString(`
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
fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}`) as unknown as TypedDocumentString<ApiKeysQuery, ApiKeysQueryVariables>;
export const CreateApiKeyDocument = new TypedDocumentString(`
    mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
    apiKey {
      ...ApiKeyFields
    }
  }
}
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
}`) as unknown as TypedDocumentString<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = new TypedDocumentString(`
    mutation RevokeApiKey($id: ID!) {
  revokeApiKey(id: $id) {
    ...ApiKeyFields
  }
}
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
}`) as unknown as TypedDocumentString<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const AuditLogDocument = new TypedDocumentString(`
    query AuditLog($first: Int, $after: String, $last: Int, $before: String, $filter: AuditLogFilter) {
  auditLog(
    first: $first
    after: $after
    last: $last
    before: $before
    filter: $filter
  ) {
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
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}`) as unknown as TypedDocumentString<AuditLogQuery, AuditLogQueryVariables>;
export const PortfolioExposuresDocument = new TypedDocumentString(`
    query PortfolioExposures($id: ID!, $first: Int, $after: String, $last: Int, $before: String, $filter: ExposureFilter, $orderBy: ExposureOrder) {
  portfolio(id: $id) {
    id
    name
    baseCurrency
    summary {
      eadBySector {
        key
      }
    }
    exposures(
      first: $first
      after: $after
      last: $last
      before: $before
      filter: $filter
      orderBy: $orderBy
    ) {
      totalCount
      totalCountIsEstimate
      pageInfo {
        ...PageInfoFields
      }
      nodes {
        ...ExposureRowFields
        obligor {
          ...ObligorSummaryFields
        }
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment ObligorSummaryFields on Obligor {
  id
  name
  externalId
  segment
  sector
  country
}
fragment ExposureRowFields on Exposure {
  id
  externalId
  product
  currency
  ead
  limit
  utilisation
  lgd
  daysPastDue
  status
  maturityDate
}`) as unknown as TypedDocumentString<PortfolioExposuresQuery, PortfolioExposuresQueryVariables>;
export const ExposureDocument = new TypedDocumentString(`
    query Exposure($id: ID!) {
  exposure(id: $id) {
    ...ExposureDetailFields
  }
}
    fragment ObligorSummaryFields on Obligor {
  id
  name
  externalId
  segment
  sector
  country
}
fragment ExposureRowFields on Exposure {
  id
  externalId
  product
  currency
  ead
  limit
  utilisation
  lgd
  daysPastDue
  status
  maturityDate
}
fragment ExposureDetailFields on Exposure {
  ...ExposureRowFields
  originationDate
  collateralValue
  createdAt
  updatedAt
  portfolio {
    id
    name
    baseCurrency
  }
  obligor {
    ...ObligorSummaryFields
  }
}`) as unknown as TypedDocumentString<ExposureQuery, ExposureQueryVariables>;
export const UpdateExposureDocument = new TypedDocumentString(`
    mutation UpdateExposure($id: ID!, $input: UpdateExposureInput!) {
  updateExposure(id: $id, input: $input) {
    ...ExposureDetailFields
  }
}
    fragment ObligorSummaryFields on Obligor {
  id
  name
  externalId
  segment
  sector
  country
}
fragment ExposureRowFields on Exposure {
  id
  externalId
  product
  currency
  ead
  limit
  utilisation
  lgd
  daysPastDue
  status
  maturityDate
}
fragment ExposureDetailFields on Exposure {
  ...ExposureRowFields
  originationDate
  collateralValue
  createdAt
  updatedAt
  portfolio {
    id
    name
    baseCurrency
  }
  obligor {
    ...ObligorSummaryFields
  }
}`) as unknown as TypedDocumentString<UpdateExposureMutation, UpdateExposureMutationVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    kind
    name
    email
    role
    permissions
    organization {
      id
      name
      slug
    }
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const ObligorDocument = new TypedDocumentString(`
    query Obligor($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  obligor(id: $id) {
    id
    externalId
    name
    segment
    sector
    country
    createdAt
    updatedAt
    totalEad
    totalLimit
    utilisation
    maxDaysPastDue
    currencies
    portfolioCount
    exposures(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      nodes {
        ...ExposureRowFields
        portfolio {
          id
          name
          baseCurrency
        }
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment ExposureRowFields on Exposure {
  id
  externalId
  product
  currency
  ead
  limit
  utilisation
  lgd
  daysPastDue
  status
  maturityDate
}`) as unknown as TypedDocumentString<ObligorQuery, ObligorQueryVariables>;
export const PortfolioListDocument = new TypedDocumentString(`
    query PortfolioList($first: Int, $after: String, $last: Int, $before: String) {
  portfolios(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    nodes {
      id
      name
      description
      baseCurrency
      createdAt
      summary {
        exposureCount
        obligorCount
        totalEad
        totalLimit
        utilisation
        defaultedCount
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}`) as unknown as TypedDocumentString<PortfolioListQuery, PortfolioListQueryVariables>;
export const PortfolioHeaderDocument = new TypedDocumentString(`
    query PortfolioHeader($id: ID!) {
  portfolio(id: $id) {
    id
    name
    description
    baseCurrency
    createdAt
  }
}
    `) as unknown as TypedDocumentString<PortfolioHeaderQuery, PortfolioHeaderQueryVariables>;
export const PortfolioOverviewDocument = new TypedDocumentString(`
    query PortfolioOverview($id: ID!, $trendDays: Int!) {
  portfolio(id: $id) {
    id
    name
    description
    baseCurrency
    createdAt
    updatedAt
    summary {
      exposureCount
      obligorCount
      totalEad
      totalLimit
      utilisation
      totalLossGivenDefault
      defaultedCount
      defaultedEad
      eadBySegment {
        ...BreakdownFields
      }
      eadBySector {
        ...BreakdownFields
      }
      eadByStatus {
        ...BreakdownFields
      }
      topObligors(limit: 10) {
        ...TopObligorFields
      }
    }
    snapshots(first: $trendDays) {
      totalCount
      nodes {
        ...SnapshotPointFields
      }
    }
  }
}
    fragment ObligorSummaryFields on Obligor {
  id
  name
  externalId
  segment
  sector
  country
}
fragment BreakdownFields on Breakdown {
  key
  exposureCount
  ead
  limit
  share
}
fragment TopObligorFields on TopObligor {
  obligor {
    ...ObligorSummaryFields
  }
  exposureCount
  ead
  share
}
fragment SnapshotPointFields on PortfolioSnapshot {
  asOf
  exposureCount
  totalEad
  totalLimit
  totalLossGivenDefault
  defaultedCount
  defaultedEad
}`) as unknown as TypedDocumentString<PortfolioOverviewQuery, PortfolioOverviewQueryVariables>;
export const CreatePortfolioDocument = new TypedDocumentString(`
    mutation CreatePortfolio($input: CreatePortfolioInput!) {
  createPortfolio(input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<CreatePortfolioMutation, CreatePortfolioMutationVariables>;