import { graphql } from '../generated/gql.ts';

export type { RiskFactorModelFieldsFragment as RiskFactorModel } from '../generated/graphql.ts';

export const RISK_FACTOR_MODEL_FIELDS = graphql(`
  fragment RiskFactorModelFields on RiskFactorModel {
    version
    isDefault
    sectors
    correlation
    sectorAssetCorrelations {
      sector
      assetCorrelation
      loading
    }
    note
    createdAt
    createdBy {
      name
    }
  }
`);

export const RISK_MODEL = graphql(`
  query RiskModel {
    riskFactorModel {
      ...RiskFactorModelFields
    }
    riskFactorModelVersions {
      ...RiskFactorModelFields
    }
  }
`);

export const SAVE_RISK_FACTOR_MODEL = graphql(`
  mutation SaveRiskFactorModel($input: RiskFactorModelInput!, $expectedVersion: Int) {
    saveRiskFactorModel(input: $input, expectedVersion: $expectedVersion) {
      version
    }
  }
`);
