import { graphql } from '../document.ts';
import type { DateTime, Decimal, Segment } from './common.ts';
import type { ExposureRow } from './exposures.ts';

export interface ObligorDetail {
  id: string;
  externalId: string;
  name: string;
  segment: Segment;
  sector: string | null;
  country: string | null;
  createdAt: DateTime;
  updatedAt: DateTime;
  totalEad: Decimal;
  /** The exposure table's row fields, with the portfolio in place of the obligor. */
  exposures: (Omit<ExposureRow, 'obligor'> & { portfolio: { id: string; name: string; baseCurrency: string } })[];
}

export const OBLIGOR = graphql<{ obligor: ObligorDetail | null }, { id: string }>(`
  query Obligor($id: ID!) {
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
      exposures {
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
`);
