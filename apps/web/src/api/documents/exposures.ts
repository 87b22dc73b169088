import { graphql } from '../document.ts';
import {
  PAGE_INFO_FIELDS,
  type DateOnly,
  type DateTime,
  type Decimal,
  type ExposureStatus,
  type PageArgs,
  type PageInfo,
  type Segment,
  type SortDirection,
} from './common.ts';

export const EXPOSURE_SORT_FIELDS = [
  'EAD',
  'LIMIT',
  'LGD',
  'DAYS_PAST_DUE',
  'MATURITY_DATE',
  'EXTERNAL_ID',
  'OBLIGOR_NAME',
  'UPDATED_AT',
] as const;
export type ExposureSortField = (typeof EXPOSURE_SORT_FIELDS)[number];

export interface ExposureFilter {
  search?: string;
  segment?: Segment;
  sector?: string;
  country?: string;
  status?: ExposureStatus;
  currency?: string;
  product?: string;
  minEad?: Decimal;
  maxEad?: Decimal;
  minDaysPastDue?: number;
  obligorId?: string;
}

export interface ExposureRow {
  id: string;
  externalId: string;
  product: string;
  currency: string;
  ead: Decimal;
  limit: Decimal;
  /** EAD / limit, 6 places; null when the limit is 0. */
  utilisation: Decimal | null;
  lgd: Decimal;
  daysPastDue: number;
  status: ExposureStatus;
  maturityDate: DateOnly | null;
  obligor: { id: string; name: string; externalId: string; segment: Segment; sector: string | null; country: string | null };
}

export interface ExposurePage {
  portfolio: {
    id: string;
    name: string;
    baseCurrency: string;
    summary: { eadBySector: { key: string }[] };
    exposures: { totalCount: number; pageInfo: PageInfo; nodes: ExposureRow[] };
  } | null;
}

export type ExposurePageVariables = PageArgs & {
  id: string;
  filter?: ExposureFilter;
  orderBy?: { field: ExposureSortField; direction: SortDirection };
};

export const PORTFOLIO_EXPOSURES = graphql<ExposurePage, ExposurePageVariables>(`
  query PortfolioExposures($id: ID!, $first: Int, $after: String, $last: Int, $before: String, $filter: ExposureFilter, $orderBy: ExposureOrder) {
    portfolio(id: $id) {
      id name baseCurrency
      summary { eadBySector { key } }
      exposures(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
        totalCount
        ${PAGE_INFO_FIELDS}
        nodes {
          id externalId product currency ead limit utilisation lgd daysPastDue status maturityDate
          obligor { id name externalId segment sector country }
        }
      }
    }
  }
`);

export interface ExposureDetail extends Omit<ExposureRow, 'obligor'> {
  originationDate: DateOnly | null;
  collateralValue: Decimal | null;
  createdAt: DateTime;
  updatedAt: DateTime;
  portfolio: { id: string; name: string; baseCurrency: string };
  obligor: ExposureRow['obligor'];
}

const EXPOSURE_DETAIL_FIELDS = `
  id externalId product currency ead limit utilisation lgd daysPastDue status maturityDate originationDate collateralValue createdAt updatedAt
  portfolio { id name baseCurrency }
  obligor { id name externalId segment sector country }
`;

export const EXPOSURE = graphql<{ exposure: ExposureDetail | null }, { id: string }>(`
  query Exposure($id: ID!) {
    exposure(id: $id) { ${EXPOSURE_DETAIL_FIELDS} }
  }
`);

export interface UpdateExposureInput {
  product?: string;
  ead?: Decimal;
  limit?: Decimal;
  lgd?: Decimal;
  collateralValue?: Decimal | null;
  daysPastDue?: number;
  status?: ExposureStatus;
  maturityDate?: DateOnly | null;
}

export const UPDATE_EXPOSURE = graphql<{ updateExposure: ExposureDetail }, { id: string; input: UpdateExposureInput }>(`
  mutation UpdateExposure($id: ID!, $input: UpdateExposureInput!) {
    updateExposure(id: $id, input: $input) { ${EXPOSURE_DETAIL_FIELDS} }
  }
`);
