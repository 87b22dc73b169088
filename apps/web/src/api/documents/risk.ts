import { graphql } from '../generated/gql.ts';

export type {
  RiskPageQuery,
  RiskSimulationQuery,
  RiskResultFieldsFragment as RiskResult,
  SimulationFiguresFieldsFragment as SimulationFigures,
  StressScenarioFieldsFragment as StressScenario,
} from '../generated/graphql.ts';

export const RISK_PAGE = graphql(`
  query RiskPage($id: ID!) {
    portfolio(id: $id) {
      id
      name
      baseCurrency
      riskSimulations(first: 15) {
        id
        status
        asOf
        createdAt
        exposureCount
        scenario {
          name
        }
        progress {
          phase
        }
      }
    }
    riskFactorModel {
      version
      isDefault
      sectors
    }
    stressScenarios {
      ...StressScenarioFields
    }
    riskLimits {
      id
      kind
      key
      version
      maxShare
      maxEad
    }
  }
`);

export const STRESS_SCENARIO_FIELDS = graphql(`
  fragment StressScenarioFields on StressScenario {
    id
    name
    description
    version
    propagate
    factorShocks {
      key
      value
    }
    pdMultipliers {
      all
      bySector {
        key
        value
      }
      bySegment {
        key
        value
      }
    }
    lgdAddOns {
      all
      bySector {
        key
        value
      }
      bySegment {
        key
        value
      }
    }
    updatedAt
    history {
      id
      action
      createdAt
      actor {
        name
      }
    }
  }
`);

export const SIMULATION_FIGURES_FIELDS = graphql(`
  fragment SimulationFiguresFields on SimulationFigures {
    scenarios
    chunks
    converged
    effectiveSampleSize
    expectedLoss {
      value
      standardError
    }
    expectedLossClosedForm
    unexpectedLoss {
      value
      standardError
    }
    levels {
      level
      valueAtRisk {
        value
        standardError
      }
      expectedShortfall {
        value
        standardError
      }
      economicCapital
      contributionsBySector {
        sector
        contribution
        share
      }
      topObligors {
        obligorId
        name
        sector
        contribution
        standardError
        share
      }
    }
    histogram {
      edges
      probability
      standardError
      exceedance
    }
  }
`);

export const RISK_RESULT_FIELDS = graphql(`
  fragment RiskResultFields on RiskResult {
    durationSeconds
    totals {
      exposureCount
      obligorCount
      ead
      expectedLoss
      averagePd
    }
    base {
      ...SimulationFiguresFields
    }
    stressed {
      ...SimulationFiguresFields
    }
    bySector {
      key
      exposureCount
      ead
      expectedLoss
      averagePd
    }
    irb {
      bySegment {
        key
        ead
        rwa
        capital
        expectedLoss
      }
      total {
        key
        ead
        rwa
        capital
        expectedLoss
      }
    }
    concentration {
      singleNameHhi
      singleNameEffectiveNumber
      sectorHhi
      sectorEffectiveNumber
      segmentHhi
      topShares {
        n
        share
      }
      largestNames {
        id
        name
        ead
        share
      }
      granularityAdjustmentRate
      granularityAdjustmentAmount
    }
    ifrs9 {
      stages {
        stage
        exposureCount
        ead
        ecl
      }
      totalEcl
      assumptions
    }
    limitBreaches {
      kind
      key
      name
      ead
      share
      limit
      excess
      limitKey
    }
    stress {
      base {
        averagePd
        expectedLoss
        rwa
        irbCapital
        levels {
          level
          valueAtRisk {
            value
            standardError
          }
          expectedShortfall {
            value
            standardError
          }
          economicCapital
        }
      }
      stressed {
        averagePd
        expectedLoss
        rwa
        irbCapital
        levels {
          level
          valueAtRisk {
            value
            standardError
          }
          expectedShortfall {
            value
            standardError
          }
          economicCapital
        }
      }
      bySector {
        sector
        basePd
        stressedPd
        baseExpectedLoss
        stressedExpectedLoss
      }
    }
  }
`);

export const RISK_SIMULATION = graphql(`
  query RiskSimulation($id: ID!) {
    riskSimulation(id: $id) {
      id
      portfolioId
      status
      asOf
      createdAt
      completedAt
      error
      factorModelVersion
      exposureCount
      excludedCount
      excluded(first: 20) {
        externalId
        reason
      }
      scenario {
        id
        name
        version
      }
      pdSource {
        kind
        flat
        bySegment {
          key
          value
        }
        bySector {
          key
          value
        }
        byExposureCount
      }
      parameters {
        seed
        levels
        targetRelativeError
      }
      progress {
        phase
        chunksDone
        scenarios
        worstRelativeError
        targetRelativeError
        fannedOutJobs
      }
      result {
        ...RiskResultFields
      }
    }
  }
`);

export const RUN_SIMULATION = graphql(`
  mutation RunPortfolioSimulation($input: RunPortfolioSimulationInput!) {
    runPortfolioSimulation(input: $input) {
      id
    }
  }
`);

export const CREATE_STRESS_SCENARIO = graphql(`
  mutation CreateStressScenario($input: StressScenarioInput!) {
    createStressScenario(input: $input) {
      id
    }
  }
`);

export const UPDATE_STRESS_SCENARIO = graphql(`
  mutation UpdateStressScenario($id: ID!, $input: StressScenarioInput!, $expectedVersion: Int) {
    updateStressScenario(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id
    }
  }
`);

export const SET_RISK_LIMIT = graphql(`
  mutation SetRiskLimit($input: RiskLimitInput!, $expectedVersion: Int) {
    setRiskLimit(input: $input, expectedVersion: $expectedVersion) {
      id
    }
  }
`);

export const DELETE_STRESS_SCENARIO = graphql(`
  mutation DeleteStressScenario($id: ID!, $expectedVersion: Int) {
    deleteStressScenario(id: $id, expectedVersion: $expectedVersion) {
      id
    }
  }
`);

export const DELETE_RISK_LIMIT = graphql(`
  mutation DeleteRiskLimit($id: ID!, $expectedVersion: Int) {
    deleteRiskLimit(id: $id, expectedVersion: $expectedVersion) {
      id
    }
  }
`);
