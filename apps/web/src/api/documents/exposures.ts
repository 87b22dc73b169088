import { graphql } from '../generated/gql.ts';
import type { ExposureSortField } from '../generated/graphql.ts';
import { allValues } from '../../lib/all-values.ts';

export type {
  ExposureFilter,
  ExposureSortField,
  ExposureRowFieldsFragment as ExposureRow,
  ExposureDetailFieldsFragment as ExposureDetail,
  PortfolioExposuresQuery as ExposurePage,
  PortfolioExposuresQueryVariables as ExposurePageVariables,
  UpdateExposureInput,
} from '../generated/graphql.ts';

export const EXPOSURE_SORT_FIELDS = allValues<ExposureSortField>()([
  'EAD',
  'LIMIT',
  'LGD',
  'DAYS_PAST_DUE',
  'MATURITY_DATE',
  'EXTERNAL_ID',
  'OBLIGOR_NAME',
  'UPDATED_AT',
  'PD',
]);

export const OBLIGOR_SUMMARY_FIELDS = graphql(`
  fragment ObligorSummaryFields on Obligor {
    id
    name
    externalId
    segment
    sector
    country
  }
`);

/** The exposure table's columns (also the obligor page's, which adds the portfolio). */
export const EXPOSURE_ROW_FIELDS = graphql(`
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
`);

export const PORTFOLIO_EXPOSURES = graphql(`
  query PortfolioExposures(
    $id: ID!
    $first: Int
    $after: String
    $last: Int
    $before: String
    $filter: ExposureFilter
    $orderBy: ExposureOrder
  ) {
    portfolio(id: $id) {
      id
      name
      baseCurrency
      summary {
        eadBySector {
          key
        }
      }
      # The grades of the latest scoring run, for the grade filter (null before a first run).
      pdFigures {
        runId
        grades {
          grade
        }
      }
      exposures(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
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
          score {
            runId
            pd
            grade
          }
          previousScore {
            runId
            pd
            grade
          }
        }
      }
    }
  }
`);

export const EXPOSURE_DETAIL_FIELDS = graphql(`
  fragment ExposureDetailFields on Exposure {
    ...ExposureRowFields
    originationDate
    pdAtOrigination
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
`);

export const EXPOSURE = graphql(`
  query Exposure($id: ID!) {
    exposure(id: $id) {
      ...ExposureDetailFields
    }
  }
`);

export const UPDATE_EXPOSURE = graphql(`
  mutation UpdateExposure($id: ID!, $input: UpdateExposureInput!, $expectedUpdatedAt: DateTime) {
    updateExposure(id: $id, input: $input, expectedUpdatedAt: $expectedUpdatedAt) {
      ...ExposureDetailFields
    }
  }
`);
