/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    scopes\n    prefix\n    status\n    createdBy {\n      id\n      name\n      email\n    }\n    lastUsedAt\n    expiresAt\n    revokedAt\n    createdAt\n  }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys($first: Int, $after: String, $last: Int, $before: String) {\n    apiKeys(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      nodes {\n        ...ApiKeyFields\n      }\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  query AuditLog($first: Int, $after: String, $last: Int, $before: String, $filter: AuditLogFilter) {\n    auditLog(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      nodes {\n        id\n        action\n        entityType\n        entityId\n        actor {\n          kind\n          id\n          name\n        }\n        before\n        after\n        requestId\n        createdAt\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    hasPreviousPage\n    startCursor\n    endCursor\n  }\n": typeof types.PageInfoFieldsFragmentDoc,
    "\n  fragment ObligorSummaryFields on Obligor {\n    id\n    name\n    externalId\n    segment\n    sector\n    country\n  }\n": typeof types.ObligorSummaryFieldsFragmentDoc,
    "\n  fragment ExposureRowFields on Exposure {\n    id\n    externalId\n    product\n    currency\n    ead\n    limit\n    utilisation\n    lgd\n    daysPastDue\n    status\n    maturityDate\n  }\n": typeof types.ExposureRowFieldsFragmentDoc,
    "\n  query PortfolioExposures(\n    $id: ID!\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: ExposureFilter\n    $orderBy: ExposureOrder\n  ) {\n    portfolio(id: $id) {\n      id\n      name\n      baseCurrency\n      summary {\n        eadBySector {\n          key\n        }\n      }\n      exposures(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {\n        totalCount\n        totalCountIsEstimate\n        pageInfo {\n          ...PageInfoFields\n        }\n        nodes {\n          ...ExposureRowFields\n          obligor {\n            ...ObligorSummaryFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.PortfolioExposuresDocument,
    "\n  fragment ExposureDetailFields on Exposure {\n    ...ExposureRowFields\n    originationDate\n    collateralValue\n    createdAt\n    updatedAt\n    portfolio {\n      id\n      name\n      baseCurrency\n    }\n    obligor {\n      ...ObligorSummaryFields\n    }\n  }\n": typeof types.ExposureDetailFieldsFragmentDoc,
    "\n  query Exposure($id: ID!) {\n    exposure(id: $id) {\n      ...ExposureDetailFields\n    }\n  }\n": typeof types.ExposureDocument,
    "\n  mutation UpdateExposure($id: ID!, $input: UpdateExposureInput!) {\n    updateExposure(id: $id, input: $input) {\n      ...ExposureDetailFields\n    }\n  }\n": typeof types.UpdateExposureDocument,
    "\n  query Me {\n    me {\n      id\n      kind\n      name\n      email\n      role\n      permissions\n      organization {\n        id\n        name\n        slug\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  query Obligor($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    obligor(id: $id) {\n      id\n      externalId\n      name\n      segment\n      sector\n      country\n      createdAt\n      updatedAt\n      # Figures over all the obligor's exposures (not only the page shown).\n      totalEad\n      totalLimit\n      utilisation\n      maxDaysPastDue\n      currencies\n      portfolioCount\n      # Largest EAD first, one page.\n      exposures(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        nodes {\n          ...ExposureRowFields\n          portfolio {\n            id\n            name\n            baseCurrency\n          }\n        }\n      }\n    }\n  }\n": typeof types.ObligorDocument,
    "\n  query PortfolioList($first: Int, $after: String, $last: Int, $before: String) {\n    portfolios(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      nodes {\n        id\n        name\n        description\n        baseCurrency\n        createdAt\n        summary {\n          exposureCount\n          obligorCount\n          totalEad\n          totalLimit\n          utilisation\n          defaultedCount\n        }\n      }\n    }\n  }\n": typeof types.PortfolioListDocument,
    "\n  query PortfolioHeader($id: ID!) {\n    portfolio(id: $id) {\n      id\n      name\n      description\n      baseCurrency\n      createdAt\n    }\n  }\n": typeof types.PortfolioHeaderDocument,
    "\n  fragment BreakdownFields on Breakdown {\n    key\n    exposureCount\n    ead\n    limit\n    share\n  }\n": typeof types.BreakdownFieldsFragmentDoc,
    "\n  fragment TopObligorFields on TopObligor {\n    obligor {\n      ...ObligorSummaryFields\n    }\n    exposureCount\n    ead\n    share\n  }\n": typeof types.TopObligorFieldsFragmentDoc,
    "\n  fragment SnapshotPointFields on PortfolioSnapshot {\n    asOf\n    exposureCount\n    totalEad\n    totalLimit\n    totalLossGivenDefault\n    defaultedCount\n    defaultedEad\n  }\n": typeof types.SnapshotPointFieldsFragmentDoc,
    "\n  query PortfolioOverview($id: ID!, $trendDays: Int!) {\n    portfolio(id: $id) {\n      id\n      name\n      description\n      baseCurrency\n      createdAt\n      updatedAt\n      summary {\n        exposureCount\n        obligorCount\n        totalEad\n        totalLimit\n        utilisation\n        totalLossGivenDefault\n        defaultedCount\n        defaultedEad\n        eadBySegment {\n          ...BreakdownFields\n        }\n        eadBySector {\n          ...BreakdownFields\n        }\n        eadByStatus {\n          ...BreakdownFields\n        }\n        topObligors(limit: 10) {\n          ...TopObligorFields\n        }\n      }\n      # The latest $trendDays snapshots, newest first (trendData orders them for the chart).\n      snapshots(first: $trendDays) {\n        totalCount\n        nodes {\n          ...SnapshotPointFields\n        }\n      }\n    }\n  }\n": typeof types.PortfolioOverviewDocument,
    "\n  mutation CreatePortfolio($input: CreatePortfolioInput!) {\n    createPortfolio(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreatePortfolioDocument,
};
const documents: Documents = {
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    scopes\n    prefix\n    status\n    createdBy {\n      id\n      name\n      email\n    }\n    lastUsedAt\n    expiresAt\n    revokedAt\n    createdAt\n  }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys($first: Int, $after: String, $last: Int, $before: String) {\n    apiKeys(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      nodes {\n        ...ApiKeyFields\n      }\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  query AuditLog($first: Int, $after: String, $last: Int, $before: String, $filter: AuditLogFilter) {\n    auditLog(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      nodes {\n        id\n        action\n        entityType\n        entityId\n        actor {\n          kind\n          id\n          name\n        }\n        before\n        after\n        requestId\n        createdAt\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    hasPreviousPage\n    startCursor\n    endCursor\n  }\n": types.PageInfoFieldsFragmentDoc,
    "\n  fragment ObligorSummaryFields on Obligor {\n    id\n    name\n    externalId\n    segment\n    sector\n    country\n  }\n": types.ObligorSummaryFieldsFragmentDoc,
    "\n  fragment ExposureRowFields on Exposure {\n    id\n    externalId\n    product\n    currency\n    ead\n    limit\n    utilisation\n    lgd\n    daysPastDue\n    status\n    maturityDate\n  }\n": types.ExposureRowFieldsFragmentDoc,
    "\n  query PortfolioExposures(\n    $id: ID!\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: ExposureFilter\n    $orderBy: ExposureOrder\n  ) {\n    portfolio(id: $id) {\n      id\n      name\n      baseCurrency\n      summary {\n        eadBySector {\n          key\n        }\n      }\n      exposures(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {\n        totalCount\n        totalCountIsEstimate\n        pageInfo {\n          ...PageInfoFields\n        }\n        nodes {\n          ...ExposureRowFields\n          obligor {\n            ...ObligorSummaryFields\n          }\n        }\n      }\n    }\n  }\n": types.PortfolioExposuresDocument,
    "\n  fragment ExposureDetailFields on Exposure {\n    ...ExposureRowFields\n    originationDate\n    collateralValue\n    createdAt\n    updatedAt\n    portfolio {\n      id\n      name\n      baseCurrency\n    }\n    obligor {\n      ...ObligorSummaryFields\n    }\n  }\n": types.ExposureDetailFieldsFragmentDoc,
    "\n  query Exposure($id: ID!) {\n    exposure(id: $id) {\n      ...ExposureDetailFields\n    }\n  }\n": types.ExposureDocument,
    "\n  mutation UpdateExposure($id: ID!, $input: UpdateExposureInput!) {\n    updateExposure(id: $id, input: $input) {\n      ...ExposureDetailFields\n    }\n  }\n": types.UpdateExposureDocument,
    "\n  query Me {\n    me {\n      id\n      kind\n      name\n      email\n      role\n      permissions\n      organization {\n        id\n        name\n        slug\n      }\n    }\n  }\n": types.MeDocument,
    "\n  query Obligor($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    obligor(id: $id) {\n      id\n      externalId\n      name\n      segment\n      sector\n      country\n      createdAt\n      updatedAt\n      # Figures over all the obligor's exposures (not only the page shown).\n      totalEad\n      totalLimit\n      utilisation\n      maxDaysPastDue\n      currencies\n      portfolioCount\n      # Largest EAD first, one page.\n      exposures(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        nodes {\n          ...ExposureRowFields\n          portfolio {\n            id\n            name\n            baseCurrency\n          }\n        }\n      }\n    }\n  }\n": types.ObligorDocument,
    "\n  query PortfolioList($first: Int, $after: String, $last: Int, $before: String) {\n    portfolios(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      nodes {\n        id\n        name\n        description\n        baseCurrency\n        createdAt\n        summary {\n          exposureCount\n          obligorCount\n          totalEad\n          totalLimit\n          utilisation\n          defaultedCount\n        }\n      }\n    }\n  }\n": types.PortfolioListDocument,
    "\n  query PortfolioHeader($id: ID!) {\n    portfolio(id: $id) {\n      id\n      name\n      description\n      baseCurrency\n      createdAt\n    }\n  }\n": types.PortfolioHeaderDocument,
    "\n  fragment BreakdownFields on Breakdown {\n    key\n    exposureCount\n    ead\n    limit\n    share\n  }\n": types.BreakdownFieldsFragmentDoc,
    "\n  fragment TopObligorFields on TopObligor {\n    obligor {\n      ...ObligorSummaryFields\n    }\n    exposureCount\n    ead\n    share\n  }\n": types.TopObligorFieldsFragmentDoc,
    "\n  fragment SnapshotPointFields on PortfolioSnapshot {\n    asOf\n    exposureCount\n    totalEad\n    totalLimit\n    totalLossGivenDefault\n    defaultedCount\n    defaultedEad\n  }\n": types.SnapshotPointFieldsFragmentDoc,
    "\n  query PortfolioOverview($id: ID!, $trendDays: Int!) {\n    portfolio(id: $id) {\n      id\n      name\n      description\n      baseCurrency\n      createdAt\n      updatedAt\n      summary {\n        exposureCount\n        obligorCount\n        totalEad\n        totalLimit\n        utilisation\n        totalLossGivenDefault\n        defaultedCount\n        defaultedEad\n        eadBySegment {\n          ...BreakdownFields\n        }\n        eadBySector {\n          ...BreakdownFields\n        }\n        eadByStatus {\n          ...BreakdownFields\n        }\n        topObligors(limit: 10) {\n          ...TopObligorFields\n        }\n      }\n      # The latest $trendDays snapshots, newest first (trendData orders them for the chart).\n      snapshots(first: $trendDays) {\n        totalCount\n        nodes {\n          ...SnapshotPointFields\n        }\n      }\n    }\n  }\n": types.PortfolioOverviewDocument,
    "\n  mutation CreatePortfolio($input: CreatePortfolioInput!) {\n    createPortfolio(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreatePortfolioDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    scopes\n    prefix\n    status\n    createdBy {\n      id\n      name\n      email\n    }\n    lastUsedAt\n    expiresAt\n    revokedAt\n    createdAt\n  }\n"): typeof import('./graphql').ApiKeyFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys($first: Int, $after: String, $last: Int, $before: String) {\n    apiKeys(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      nodes {\n        ...ApiKeyFields\n      }\n    }\n  }\n"): typeof import('./graphql').ApiKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"): typeof import('./graphql').CreateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n"): typeof import('./graphql').RevokeApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($first: Int, $after: String, $last: Int, $before: String, $filter: AuditLogFilter) {\n    auditLog(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      nodes {\n        id\n        action\n        entityType\n        entityId\n        actor {\n          kind\n          id\n          name\n        }\n        before\n        after\n        requestId\n        createdAt\n      }\n    }\n  }\n"): typeof import('./graphql').AuditLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    hasPreviousPage\n    startCursor\n    endCursor\n  }\n"): typeof import('./graphql').PageInfoFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ObligorSummaryFields on Obligor {\n    id\n    name\n    externalId\n    segment\n    sector\n    country\n  }\n"): typeof import('./graphql').ObligorSummaryFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExposureRowFields on Exposure {\n    id\n    externalId\n    product\n    currency\n    ead\n    limit\n    utilisation\n    lgd\n    daysPastDue\n    status\n    maturityDate\n  }\n"): typeof import('./graphql').ExposureRowFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortfolioExposures(\n    $id: ID!\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: ExposureFilter\n    $orderBy: ExposureOrder\n  ) {\n    portfolio(id: $id) {\n      id\n      name\n      baseCurrency\n      summary {\n        eadBySector {\n          key\n        }\n      }\n      exposures(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {\n        totalCount\n        totalCountIsEstimate\n        pageInfo {\n          ...PageInfoFields\n        }\n        nodes {\n          ...ExposureRowFields\n          obligor {\n            ...ObligorSummaryFields\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PortfolioExposuresDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExposureDetailFields on Exposure {\n    ...ExposureRowFields\n    originationDate\n    collateralValue\n    createdAt\n    updatedAt\n    portfolio {\n      id\n      name\n      baseCurrency\n    }\n    obligor {\n      ...ObligorSummaryFields\n    }\n  }\n"): typeof import('./graphql').ExposureDetailFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Exposure($id: ID!) {\n    exposure(id: $id) {\n      ...ExposureDetailFields\n    }\n  }\n"): typeof import('./graphql').ExposureDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateExposure($id: ID!, $input: UpdateExposureInput!) {\n    updateExposure(id: $id, input: $input) {\n      ...ExposureDetailFields\n    }\n  }\n"): typeof import('./graphql').UpdateExposureDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      kind\n      name\n      email\n      role\n      permissions\n      organization {\n        id\n        name\n        slug\n      }\n    }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Obligor($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    obligor(id: $id) {\n      id\n      externalId\n      name\n      segment\n      sector\n      country\n      createdAt\n      updatedAt\n      # Figures over all the obligor's exposures (not only the page shown).\n      totalEad\n      totalLimit\n      utilisation\n      maxDaysPastDue\n      currencies\n      portfolioCount\n      # Largest EAD first, one page.\n      exposures(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        nodes {\n          ...ExposureRowFields\n          portfolio {\n            id\n            name\n            baseCurrency\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ObligorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortfolioList($first: Int, $after: String, $last: Int, $before: String) {\n    portfolios(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      nodes {\n        id\n        name\n        description\n        baseCurrency\n        createdAt\n        summary {\n          exposureCount\n          obligorCount\n          totalEad\n          totalLimit\n          utilisation\n          defaultedCount\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PortfolioListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortfolioHeader($id: ID!) {\n    portfolio(id: $id) {\n      id\n      name\n      description\n      baseCurrency\n      createdAt\n    }\n  }\n"): typeof import('./graphql').PortfolioHeaderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BreakdownFields on Breakdown {\n    key\n    exposureCount\n    ead\n    limit\n    share\n  }\n"): typeof import('./graphql').BreakdownFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TopObligorFields on TopObligor {\n    obligor {\n      ...ObligorSummaryFields\n    }\n    exposureCount\n    ead\n    share\n  }\n"): typeof import('./graphql').TopObligorFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SnapshotPointFields on PortfolioSnapshot {\n    asOf\n    exposureCount\n    totalEad\n    totalLimit\n    totalLossGivenDefault\n    defaultedCount\n    defaultedEad\n  }\n"): typeof import('./graphql').SnapshotPointFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortfolioOverview($id: ID!, $trendDays: Int!) {\n    portfolio(id: $id) {\n      id\n      name\n      description\n      baseCurrency\n      createdAt\n      updatedAt\n      summary {\n        exposureCount\n        obligorCount\n        totalEad\n        totalLimit\n        utilisation\n        totalLossGivenDefault\n        defaultedCount\n        defaultedEad\n        eadBySegment {\n          ...BreakdownFields\n        }\n        eadBySector {\n          ...BreakdownFields\n        }\n        eadByStatus {\n          ...BreakdownFields\n        }\n        topObligors(limit: 10) {\n          ...TopObligorFields\n        }\n      }\n      # The latest $trendDays snapshots, newest first (trendData orders them for the chart).\n      snapshots(first: $trendDays) {\n        totalCount\n        nodes {\n          ...SnapshotPointFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PortfolioOverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePortfolio($input: CreatePortfolioInput!) {\n    createPortfolio(input: $input) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').CreatePortfolioDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
