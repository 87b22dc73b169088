import { graphql } from '../document.ts';
import { PAGE_INFO_FIELDS, type DateOnly, type DateTime, type Decimal, type PageArgs, type PageInfo, type Segment } from './common.ts';

export interface PortfolioListItem {
  id: string;
  name: string;
  description: string | null;
  baseCurrency: string;
  createdAt: DateTime;
  summary: {
    exposureCount: number;
    obligorCount: number;
    totalEad: Decimal;
    totalLimit: Decimal;
    utilisation: Decimal | null;
    defaultedCount: number;
  };
}

export const PORTFOLIO_LIST = graphql<{ portfolios: { totalCount: number; pageInfo: PageInfo; nodes: PortfolioListItem[] } }, PageArgs>(`
  query PortfolioList($first: Int, $after: String, $last: Int, $before: String) {
    portfolios(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      ${PAGE_INFO_FIELDS}
      nodes {
        id name description baseCurrency createdAt
        summary { exposureCount obligorCount totalEad totalLimit utilisation defaultedCount }
      }
    }
  }
`);

export interface PortfolioHeader {
  id: string;
  name: string;
  description: string | null;
  baseCurrency: string;
  createdAt: DateTime;
}

export const PORTFOLIO_HEADER = graphql<{ portfolio: PortfolioHeader | null }, { id: string }>(`
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

export interface Breakdown {
  key: string;
  exposureCount: number;
  ead: Decimal;
  limit: Decimal;
  share: Decimal;
}

export interface TopObligor {
  obligor: { id: string; name: string; externalId: string; segment: Segment; sector: string | null; country: string | null };
  exposureCount: number;
  ead: Decimal;
  share: Decimal;
}

export interface SnapshotPoint {
  asOf: DateOnly;
  exposureCount: number;
  totalEad: Decimal;
  totalLimit: Decimal;
  totalLossGivenDefault: Decimal;
  defaultedCount: number;
  defaultedEad: Decimal;
}

export interface PortfolioOverview extends PortfolioHeader {
  updatedAt: DateTime;
  summary: {
    exposureCount: number;
    obligorCount: number;
    totalEad: Decimal;
    totalLimit: Decimal;
    utilisation: Decimal | null;
    totalLossGivenDefault: Decimal;
    defaultedCount: number;
    defaultedEad: Decimal;
    eadBySegment: Breakdown[];
    eadBySector: Breakdown[];
    eadByStatus: Breakdown[];
    topObligors: TopObligor[];
  };
  /** The latest TREND_DAYS snapshots, newest first (trendData orders them for the chart). */
  snapshots: { totalCount: number; nodes: SnapshotPoint[] };
}

const BREAKDOWN_FIELDS = 'key exposureCount ead limit share';

/** Days of history the trend chart shows: the latest year. */
export const TREND_DAYS = 366;

export const PORTFOLIO_OVERVIEW = graphql<{ portfolio: PortfolioOverview | null }, { id: string; trendDays: number }>(`
  query PortfolioOverview($id: ID!, $trendDays: Int!) {
    portfolio(id: $id) {
      id name description baseCurrency createdAt updatedAt
      summary {
        exposureCount obligorCount totalEad totalLimit utilisation totalLossGivenDefault defaultedCount defaultedEad
        eadBySegment { ${BREAKDOWN_FIELDS} }
        eadBySector { ${BREAKDOWN_FIELDS} }
        eadByStatus { ${BREAKDOWN_FIELDS} }
        topObligors(limit: 10) {
          obligor { id name externalId segment sector country }
          exposureCount ead share
        }
      }
      snapshots(first: $trendDays) {
        totalCount
        nodes { asOf exposureCount totalEad totalLimit totalLossGivenDefault defaultedCount defaultedEad }
      }
    }
  }
`);

export interface CreatePortfolioInput {
  name: string;
  description?: string | null;
  baseCurrency?: string | null;
}

export const CREATE_PORTFOLIO = graphql<{ createPortfolio: { id: string; name: string } }, { input: CreatePortfolioInput }>(`
  mutation CreatePortfolio($input: CreatePortfolioInput!) {
    createPortfolio(input: $input) {
      id
      name
    }
  }
`);
