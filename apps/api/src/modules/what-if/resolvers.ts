import { listWhatIfScenarios, obligorScoreHistory } from '@probity/db';
import { saveScenario, scoreObligor, whatIf, type Cell } from '@probity/scoring';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { scorers } from './scorers.ts';

function cellText(value: Cell | Cell[]): string | null {
  const one = (v: Cell): string => (v === null ? 'missing' : String(v));
  if (Array.isArray(value)) return `[${value.map(one).join(', ')}]`;
  return value === null ? null : String(value);
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export const whatIfResolvers: Resolvers = {
  Query: {
    scoreObligor: (_root, { obligorId, modelVersionId, asOf }, ctx) =>
      scoreObligor(ctx.db, ctx.authorize('read'), scorers, { obligorId, modelVersionId, asOf }),
    whatIf: (_root, { obligorId, changes, modelVersionId, asOf }, ctx) =>
      whatIf(ctx.db, ctx.authorize('read'), scorers, { obligorId, changes, modelVersionId, asOf }),
  },
  Mutation: {
    saveWhatIfScenario: (_root, { name, obligorId, changes, modelVersionId, asOf }, ctx) =>
      saveScenario(ctx.db, ctx.authorize('scoring:manage'), scorers, { name, obligorId, changes, modelVersionId, asOf }),
  },
  Obligor: {
    scoreHistory: (obligor, { first }, ctx) => obligorScoreHistory(ctx.db, ctx.scope, obligor.id, first ?? 500),
    whatIfScenarios: (obligor, _args, ctx) => listWhatIfScenarios(ctx.db, ctx.scope, obligor.id),
  },
  OnDemandScore: {
    baselinePd: (score) => sigmoid(score.baselineLogit),
    inputs: (score) =>
      Object.entries(score.inputs).map(([name, v]) => ({
        name,
        value: typeof v === 'number' ? v : null,
        text: typeof v === 'string' ? v : null,
      })),
  },
  ExplainedContribution: {
    value: (c) => cellText(c.value),
  },
  GradeCounterfactual: {
    from: (c) => cellText(c.from),
    to: (c) => cellText(c.to) ?? 'missing',
    toValue: (c) => (typeof c.to === 'number' ? c.to : null),
  },
  WhatIfScenario: {
    outcomes: (scenario) => scenario.result,
  },
};
