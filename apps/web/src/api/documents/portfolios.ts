import { graphql } from '../generated/gql.ts';

export type {
  BreakdownFieldsFragment as Breakdown,
  RunPdFieldsFragment as RunPdPoint,
  PortfolioOverviewQuery,
  SnapshotPointFieldsFragment as SnapshotPoint,
  TopObligorFieldsFragment as TopObligor,
} from '../generated/graphql.ts';

export const PORTFOLIO_LIST = graphql(`
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
`);

export const PORTFOLIO_HEADER = graphql(`
  query PortfolioHeader($id: ID!) {
    portfolio(id: $id) {
      id
      name
      description
      baseCurrency
      createdAt
    }
  }
`);

export const BREAKDOWN_FIELDS = graphql(`
  fragment BreakdownFields on Breakdown {
    key
    exposureCount
    ead
    limit
    share
  }
`);

export const TOP_OBLIGOR_FIELDS = graphql(`
  fragment TopObligorFields on TopObligor {
    obligor {
      ...ObligorSummaryFields
    }
    exposureCount
    ead
    share
  }
`);

export const SNAPSHOT_POINT_FIELDS = graphql(`
  fragment SnapshotPointFields on PortfolioSnapshot {
    asOf
    exposureCount
    totalEad
    totalLimit
    totalLossGivenDefault
    defaultedCount
    defaultedEad
  }
`);

export const RUN_PD_FIELDS = graphql(`
  fragment RunPdFields on RunPdFigures {
    runId
    asOf
    finishedAt
    exposureCount
    ead
    eadWeightedPd
    expectedLoss
  }
`);

/** Succeeded scoring runs the PD trend shows. */
export const PD_TREND_RUNS = 30;

/** Days of history the trend chart shows: the latest year. */
export const TREND_DAYS = 366;

export const PORTFOLIO_OVERVIEW = graphql(`
  query PortfolioOverview($id: ID!, $trendDays: Int!, $pdRuns: Int!) {
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
      # PD-weighted figures of the latest succeeded scoring run, and the latest $pdRuns runs (newest first).
      pdFigures {
        ...RunPdFields
        grades {
          grade
          exposureCount
          ead
          eadWeightedPd
          expectedLoss
          minPd
          maxPd
        }
      }
      pdTrend(last: $pdRuns) {
        ...RunPdFields
      }
      # The latest $trendDays snapshots, newest first (trendData orders them for the chart).
      snapshots(first: $trendDays) {
        totalCount
        nodes {
          ...SnapshotPointFields
        }
      }
    }
  }
`);

export const CREATE_PORTFOLIO = graphql(`
  mutation CreatePortfolio($input: CreatePortfolioInput!) {
    createPortfolio(input: $input) {
      id
      name
    }
  }
`);
