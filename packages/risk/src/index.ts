/**
 * @probity/risk: portfolio credit risk maths, pure TypeScript, no I/O. Every function validates
 * its input and throws RiskInputError naming the offending entry and field. The worker-thread
 * runner lives apart in `@probity/risk/parallel` (it needs node:worker_threads).
 */
export { RiskInputError, type InputProblem } from './errors.ts';

// Inputs
export { exposureSchema, parseExposures, type Exposure } from './input/exposure.ts';
export {
  factorModelSchema,
  parseFactorModel,
  singleFactorModel,
  uniformFactorModel,
  type FactorModel,
  type FactorModelInput,
} from './input/factor-model.ts';
export { compilePortfolio, type CompiledPortfolio } from './input/compile-portfolio.ts';

// Distributions
export { normalCdf, normalPdf, normalQuantile } from './math/normal.ts';
export { bivariateNormalCdf } from './math/bivariate-normal.ts';

// Expected and unexpected loss
export { expectedLoss, type ExpectedLossResult } from './loss/expected-loss.ts';
export { unexpectedLoss, unexpectedLossOf, standaloneUnexpectedLoss, type UnexpectedLossResult } from './loss/unexpected-loss.ts';

// Basel IRB
export { IRB_ASSET_CLASSES, isRetail, type IrbAssetClass } from './irb/asset-class.ts';
export {
  assetCorrelation,
  corporateCorrelation,
  otherRetailCorrelation,
  smeSizeAdjustment,
  type CorrelationOptions,
} from './irb/correlation.ts';
export { maturityAdjustmentSlope, riskWeightFunction } from './irb/risk-weight.ts';
export {
  BASEL_III_IRB,
  BASEL_III_PD_FLOORS,
  BASEL_III_UNSECURED_LGD_FLOORS,
  BASEL_III_FOUNDATION_LGD,
  irbParameters,
  type IrbParameters,
  type IrbParameterOverrides,
} from './irb/parameters.ts';
export { irbCapital, irbExposure, type IrbExposureResult, type IrbPortfolioResult, type IrbTotals } from './irb/capital.ts';

// Vasicek
export { vasicek, type VasicekDistribution, type VasicekParameters } from './vasicek/vasicek.ts';

// Monte Carlo
export {
  planSimulation,
  simulationOptionsSchema,
  DEFAULT_LEVELS,
  type SimulationPlan,
  type SimulationOptions,
  type PlanInput,
} from './montecarlo/plan.ts';
export { simulateChunk, type ChunkResult } from './montecarlo/chunk.ts';
export { mergeChunks, type MergedSample } from './montecarlo/merge.ts';
export {
  estimateRisk,
  worstRelativeError,
  type Estimate,
  type LevelEstimate,
  type RiskEstimates,
  type EstimateOptions,
} from './montecarlo/estimators.ts';
export { lossHistogram, type LossHistogram, type HistogramOptions } from './montecarlo/histogram.ts';
export {
  contributionThresholds,
  contributionChunk,
  chunkLosses,
  mergeContributions,
  type ContributionThresholds,
  type ContributionChunk,
  type ObligorContributions,
} from './montecarlo/contributions.ts';
export { runSimulation } from './montecarlo/run.ts';
export { StoppingRule, parseRunOptions, runOptionsSchema, type RunOptions, type SimulationProgress } from './montecarlo/stopping.ts';
export { assembleResult, topContributors, type SimulationResult, type SimulationLevelResult } from './montecarlo/result.ts';
export { encodeChunk, decodeChunk, encodeContributionChunk, decodeContributionChunk } from './montecarlo/serialize.ts';

// Concentration
export { concentration, type ConcentrationResult, type ConcentrationOptions, type Herfindahl } from './concentration/concentration.ts';
export { granularityAdjustment, granularityDelta, type GranularityOptions, type GranularityResult } from './concentration/granularity.ts';
export { limitBreaches, exposureLimitsSchema, type ExposureLimits, type LimitBreach } from './concentration/limits.ts';

// Stress testing
export { stressScenarioSchema, parseStressScenario, type StressScenario, type StressScenarioInput } from './stress/scenario.ts';
export {
  stressInputs,
  stressedPlanInput,
  runStressTest,
  type StressedInputs,
  type StressTestResult,
  type StressFigures,
} from './stress/stress-test.ts';
export { conditionalFactors } from './stress/factor-shock.ts';

// IFRS 9
export {
  allocateStages,
  stagingRulesSchema,
  type Stage,
  type StageAllocation,
  type StageReason,
  type StagingExposure,
  type StagingRules,
} from './ifrs9/staging.ts';
export { expectedCreditLoss, type EclExposure, type EclOptions, type EclResult } from './ifrs9/ecl.ts';
export { flatTermStructure, fromMarginal, survival, termStructuresFromMigration, type PdTermStructure } from './ifrs9/term-structure.ts';
