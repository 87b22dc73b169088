import { graphql } from '../generated/gql.ts';

export type { ObligorScoringQuery, ScoreObligorQuery, WhatIfQuery, SaveWhatIfScenarioMutation } from '../generated/graphql.ts';

/** The obligor page's scoring panels: its score history over runs and its saved what-if scenarios. */
export const OBLIGOR_SCORING = graphql(`
  query ObligorScoring($id: ID!) {
    obligor(id: $id) {
      id
      scoreHistory {
        runId
        exposureId
        exposureExternalId
        modelVersionId
        asOf
        pd
        grade
        scoredAt
      }
      whatIfScenarios {
        id
        name
        asOf
        createdAt
        changes {
          feature
          value
          text
        }
        outcomes {
          exposureId
          currentPd
          currentGrade
          scenarioPd
          scenarioGrade
        }
      }
    }
  }
`);

export const ON_DEMAND_SCORE_FIELDS = graphql(`
  fragment OnDemandScoreFields on OnDemandScore {
    exposureId
    externalId
    portfolioName
    modelVersionId
    pd
    grade
    logit
    baselineLogit
    baselinePd
    gap
    method
    contributions {
      feature
      label
      value
      contribution
    }
    reasons {
      feature
      text
    }
    inputs {
      name
      value
      text
    }
  }
`);

export const SCORE_OBLIGOR = graphql(`
  query ScoreObligor($obligorId: ID!) {
    scoreObligor(obligorId: $obligorId) {
      asOf
      scores {
        ...OnDemandScoreFields
      }
    }
  }
`);

export const WHAT_IF = graphql(`
  query WhatIf($obligorId: ID!, $changes: [WhatIfChangeInput!]!) {
    whatIf(obligorId: $obligorId, changes: $changes) {
      asOf
      exposures {
        targetGrade
        current {
          ...OnDemandScoreFields
        }
        scenario {
          ...OnDemandScoreFields
        }
        counterfactuals {
          feature
          label
          from
          to
          pd
          grade
          sentence
        }
      }
    }
  }
`);

export const SAVE_WHAT_IF_SCENARIO = graphql(`
  mutation SaveWhatIfScenario($name: String!, $obligorId: ID!, $changes: [WhatIfChangeInput!]!) {
    saveWhatIfScenario(name: $name, obligorId: $obligorId, changes: $changes) {
      id
      name
    }
  }
`);
