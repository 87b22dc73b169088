import { graphql } from '../generated/gql.ts';

export type { ObligorQuery } from '../generated/graphql.ts';

export const OBLIGOR = graphql(`
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
        ...ExposureRowFields
        portfolio {
          id
          name
          baseCurrency
        }
      }
    }
  }
`);
