// Portfolio risk: the factor model, stress scenarios, limits, and simulate-portfolio runs with their
// results. Reads need `read`; changes and runs need `portfolio:write` (RISK_OFFICER and up).
import { can } from '@probity/auth';
import {
  attachSimulationJob,
  createSimulation,
  createStressScenario,
  currentFactorModel,
  deleteRiskLimit,
  deleteStressScenario,
  getSimulation,
  getStressScenario,
  listAuditLog,
  listFactorModelVersions,
  listRiskLimits,
  listSimulations,
  listStressScenarios,
  NotFoundError,
  planExposures,
  portfolioRiskInputs,
  saveFactorModel,
  setRiskLimit,
  STRESS_SCENARIO_ENTITY,
  updateStressScenario,
  type PdSource,
} from '@probity/db';
import { compilePortfolio, parseFactorModel, parseStressScenario, stressInputs } from '@probity/risk';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { keyed, keyedValuesOf, riskScenario, stressDefinition } from './convert.ts';
import { simulationParameters } from './parameters.ts';
import { checked } from './risk-input-error.ts';

export const riskResolvers: Resolvers = {
  Query: {
    riskFactorModel: (_root, _args, ctx) => currentFactorModel(ctx.db, ctx.authorize('read')),
    riskFactorModelVersions: (_root, _args, ctx) => listFactorModelVersions(ctx.db, ctx.authorize('read')),
    stressScenarios: (_root, _args, ctx) => listStressScenarios(ctx.db, ctx.authorize('read')),
    stressScenario: (_root, { id }, ctx) => getStressScenario(ctx.db, ctx.authorize('read'), id),
    riskLimits: (_root, _args, ctx) => listRiskLimits(ctx.db, ctx.authorize('read')),
    riskSimulation: (_root, { id }, ctx) => getSimulation(ctx.db, ctx.authorize('read'), id),
  },
  Portfolio: {
    riskSimulations: (portfolio, { asOf, first }, ctx) => listSimulations(ctx.db, ctx.scope, portfolio.id, { asOf, first }),
  },
  RiskFactorModel: {
    sectorAssetCorrelations: (model) =>
      Object.entries(model.sectorAssetCorrelation).map(([sector, r]) => ({ sector, assetCorrelation: r, loading: Math.sqrt(r) })),
    createdBy: (model, _args, ctx) => (model.createdById ? ctx.loaders.user.load(model.createdById) : null),
  },
  StressScenario: {
    factorShocks: (scenario) => keyed(scenario.definition.factorShocks),
    propagate: (scenario) => scenario.definition.propagate ?? true,
    pdMultipliers: (scenario) => keyedValuesOf(scenario.definition.pdMultipliers),
    lgdAddOns: (scenario) => keyedValuesOf(scenario.definition.lgdAddOns),
    history: async (scenario, _args, ctx) => {
      if (!can(ctx.caller.role, 'audit:read')) return [];
      const page = await listAuditLog(ctx.db, ctx.scope, {
        first: 100,
        filter: { entityType: STRESS_SCENARIO_ENTITY, entityId: scenario.id },
      });
      return page.nodes;
    },
  },
  RiskSimulation: {
    scenario: (simulation) => simulation.scenario,
    pdSource: (simulation) => pdSourceView(simulation.pdSource),
    excludedCount: (simulation) => simulation.excluded.length,
    excluded: (simulation, { first }) => simulation.excluded.slice(0, Math.min(Math.max(first ?? 100, 0), 1000)),
    result: (simulation) => (simulation.status === 'COMPLETED' ? (simulation.result as never) : null),
  },
  Mutation: {
    saveRiskFactorModel: (_root, { input, expectedVersion }, ctx) => {
      const scope = ctx.authorize('portfolio:write');
      const sectorAssetCorrelation: Record<string, number> = {};
      for (const entry of input.sectorAssetCorrelations ?? []) sectorAssetCorrelation[entry.sector] = entry.assetCorrelation;
      const model = { sectors: input.sectors, correlation: input.correlation, sectorAssetCorrelation };
      checked('input', () => parseFactorModel(model, 'factorModel'));
      return saveFactorModel(ctx.db, scope, { ...model, note: input.note }, expectedVersion);
    },
    createStressScenario: async (_root, { input }, ctx) => {
      const scope = ctx.authorize('portfolio:write');
      const definition = stressDefinition(input);
      const model = await currentFactorModel(ctx.db, scope);
      checked('input', () => parseStressScenario(riskScenario({ name: input.name, definition }), model.sectors, 'scenario'));
      return createStressScenario(ctx.db, scope, { name: input.name, description: input.description, definition });
    },
    updateStressScenario: async (_root, { id, input, expectedVersion }, ctx) => {
      const scope = ctx.authorize('portfolio:write');
      const definition = stressDefinition(input);
      const model = await currentFactorModel(ctx.db, scope);
      checked('input', () => parseStressScenario(riskScenario({ name: input.name, definition }), model.sectors, 'scenario'));
      return updateStressScenario(ctx.db, scope, id, { name: input.name, description: input.description, definition }, expectedVersion);
    },
    deleteStressScenario: (_root, { id, expectedVersion }, ctx) =>
      deleteStressScenario(ctx.db, ctx.authorize('portfolio:write'), id, expectedVersion),
    setRiskLimit: (_root, { input, expectedVersion }, ctx) =>
      setRiskLimit(ctx.db, ctx.authorize('portfolio:write'), input, expectedVersion),
    deleteRiskLimit: (_root, { id, expectedVersion }, ctx) =>
      deleteRiskLimit(ctx.db, ctx.authorize('portfolio:write'), id, expectedVersion),
    runPortfolioSimulation: async (_root, { input }, ctx) => {
      const scope = ctx.authorize('portfolio:write');
      const parameters = simulationParameters(input);
      const inputs = await portfolioRiskInputs(ctx.db, scope, input.portfolioId, { asOf: input.asOf, pd: input.pd });
      if (!inputs) throw new NotFoundError('Portfolio');
      const model = await currentFactorModel(ctx.db, scope);
      const scenario = input.scenarioId ? await getStressScenario(ctx.db, scope, input.scenarioId) : null;
      if (input.scenarioId && !scenario) throw new NotFoundError('StressScenario');
      // Everything the maths will refuse is refused now, naming the entry, before anything is stored.
      const exposures = planExposures(inputs.exposures);
      const factorModel = { sectors: model.sectors, correlation: model.correlation, sectorAssetCorrelation: model.sectorAssetCorrelation };
      checked('', () => compilePortfolio(exposures, factorModel));
      if (scenario) checked('', () => stressInputs(exposures, factorModel, riskScenario(scenario)));
      const limits = await listRiskLimits(ctx.db, scope);
      const simulation = await createSimulation(ctx.db, scope, {
        portfolioId: inputs.portfolioId,
        asOf: inputs.asOf,
        scenario,
        factorModel: model,
        pdSource: inputs.pdSource,
        parameters,
        inputs: { exposures: inputs.exposures, factorModel, limits },
        excluded: inputs.excluded,
      });
      const jobId = await ctx.jobs.enqueue('simulate-portfolio', { organizationId: scope.organizationId, simulationId: simulation.id });
      await attachSimulationJob(ctx.db, scope, simulation.id, jobId);
      return { ...simulation, jobId };
    },
  },
};

function pdSourceView(source: PdSource) {
  if (source.kind === 'SCORING_RUN') {
    return { kind: source.kind, flat: null, bySegment: [], bySector: [], byExposureCount: 0, scoringRunId: source.scoringRunId };
  }
  const { requested } = source;
  return {
    kind: source.kind,
    flat: requested.flat ?? null,
    bySegment: (requested.bySegment ?? []).map((entry) => ({ key: entry.key, value: entry.pd })),
    bySector: (requested.bySector ?? []).map((entry) => ({ key: entry.key, value: entry.pd })),
    byExposureCount: requested.byExposure?.length ?? 0,
    scoringRunId: null,
  };
}
