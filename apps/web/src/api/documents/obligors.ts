import { graphql } from '../generated/gql.ts';

export type { ObligorQuery } from '../generated/graphql.ts';

export const OBLIGOR = graphql(`
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
      # Figures over all the obligor's exposures (not only the page shown).
      totalEad
      totalLimit
      utilisation
      maxDaysPastDue
      currencies
      portfolioCount
      # Largest EAD first, one page.
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
`);
