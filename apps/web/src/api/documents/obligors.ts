import { graphql } from '../document.ts';
import { PAGE_INFO_FIELDS, type DateTime, type Decimal, type PageArgs, type PageInfo, type Segment } from './common.ts';
import type { ExposureRow } from './exposures.ts';

/** The exposure table's row fields, with the portfolio in place of the obligor. */
export type ObligorExposureRow = Omit<ExposureRow, 'obligor'> & { portfolio: { id: string; name: string; baseCurrency: string } };

export interface ObligorDetail {
  id: string;
  externalId: string;
  name: string;
  segment: Segment;
  sector: string | null;
  country: string | null;
  createdAt: DateTime;
  updatedAt: DateTime;
  /** Figures over all the obligor's exposures (not only the page shown). */
  totalEad: Decimal;
  totalLimit: Decimal;
  utilisation: Decimal | null;
  maxDaysPastDue: number;
  currencies: string[];
  portfolioCount: number;
  /** Largest EAD first, one page. */
  exposures: { totalCount: number; pageInfo: PageInfo; nodes: ObligorExposureRow[] };
}

export const OBLIGOR = graphql<{ obligor: ObligorDetail | null }, PageArgs & { id: string }>(`
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
        ${PAGE_INFO_FIELDS}
        nodes {
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
          portfolio {
            id
            name
            baseCurrency
          }
        }
      }
    }
  }
`);
