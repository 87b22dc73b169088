import { graphql } from '../document.ts';
import type { DateOnly, DateTime, Decimal, ExposureStatus, Segment } from './common.ts';

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
  exposures: {
    id: string;
    externalId: string;
    product: string;
    currency: string;
    ead: Decimal;
    limit: Decimal;
    utilisation: number | null;
    lgd: Decimal;
    daysPastDue: number;
    status: ExposureStatus;
    maturityDate: DateOnly | null;
    portfolio: { id: string; name: string; baseCurrency: string };
  }[];
}

export const OBLIGOR = graphql<{ obligor: ObligorDetail | null }, { id: string }>(`
  query Obligor($id: ID!) {
    obligor(id: $id) {
      id externalId name segment sector country createdAt updatedAt totalEad
      exposures {
        id externalId product currency ead limit utilisation lgd daysPastDue status maturityDate
        portfolio { id name baseCurrency }
      }
    }
  }
`);
