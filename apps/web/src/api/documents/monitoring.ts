import { graphql } from '../generated/gql.ts';

export type { ScoringRunDetailQuery, ScoringRunsQuery, WatchlistQuery, BacktestFieldsFragment as Backtest } from '../generated/graphql.ts';

export const SCORING_RUNS = graphql(`
  query ScoringRuns($id: ID!) {
    portfolio(id: $id) {
      id
      name
      scoringModel {
        modelId
        cron
        timeZone
      }
      scoringRuns(first: 50) {
        id
        status
        trigger
        asOf
        modelVersionId
        batchCount
        batchesDone
        exposureCount
        scoredCount
        skippedCount
        backend
        readMs
        scoreMs
        writeMs
        error
        createdAt
        startedAt
        finishedAt
        monitoring {
          psi {
            value
            light
          }
          migration {
            downgradesTwoPlus
          }
        }
      }
    }
  }
`);

export const SCORING_RUN_DETAIL = graphql(`
  query ScoringRunDetail($id: ID!) {
    scoringRun(id: $id) {
      id
      portfolioId
      status
      trigger
      asOf
      modelVersionId
      batchCount
      batchesDone
      exposureCount
      scoredCount
      skippedCount
      backend
      readMs
      scoreMs
      writeMs
      error
      createdAt
      startedAt
      finishedAt
      backtest {
        ...BacktestFields
      }
      challengerVersionId
      challenger {
        exposures
        quantiles {
          q
          champion
          challenger
        }
        meanPdChampion
        meanPdChallenger
        spearman
        defaults
        auc {
          champion
          challenger
          difference
          pValue
        }
        migration {
          grades
          counts
          stable
          upgrades
          downgrades
        }
      }
      monitoring {
        computedAt
        reference
        previousRunId
        psi {
          value
          light
          bins {
            label
            expectedShare
            actualShare
            contribution
          }
        }
        csi {
          feature
          value
          light
        }
        migration {
          grades
          counts
          matched
          stable
          upgrades
          downgrades
          downgradesTwoPlus
          newExposures
        }
      }
    }
  }
`);

export const WATCHLIST = graphql(`
  query Watchlist($portfolioId: ID, $first: Int, $offset: Int) {
    watchlist(portfolioId: $portfolioId, first: $first, offset: $offset) {
      pdThreshold
      gradeDrop
      settingsVersion
      totalCount
      entries {
        obligorId
        obligorName
        obligorExternalId
        portfolioId
        portfolioName
        runId
        pd
        previousPd
        grade
        previousGrade
        gradesDown
        reasons
      }
    }
  }
`);

export const SET_MONITORING_SETTINGS = graphql(`
  mutation SetMonitoringSettings($watchlistPdThreshold: Float, $watchlistGradeDrop: Int, $expectedVersion: Int) {
    setMonitoringSettings(
      watchlistPdThreshold: $watchlistPdThreshold
      watchlistGradeDrop: $watchlistGradeDrop
      expectedVersion: $expectedVersion
    ) {
      watchlistPdThreshold
      watchlistGradeDrop
      version
    }
  }
`);

export const RESCORE_PORTFOLIO = graphql(`
  mutation RescorePortfolio($portfolioId: ID!) {
    rescorePortfolio(portfolioId: $portfolioId) {
      id
      status
    }
  }
`);

export const BACKTEST_FIELDS = graphql(`
  fragment BacktestFields on RunBacktest {
    runId
    asOf
    windowEnd
    windowComplete
    exposures
    defaults
    defaultedBefore
    meanPd
    auc
    aucLower
    aucUpper
    byGrade {
      grade
      count
      defaults
      meanPd
      observedRate
      binomialPValue
      binomialReject
      jeffreysPValue
    }
  }
`);

export const MODEL_VERSION_BACKTESTS = graphql(`
  query ModelVersionBacktests($id: ID!) {
    modelVersion(id: $id) {
      id
      backtests {
        ...BacktestFields
      }
    }
  }
`);
