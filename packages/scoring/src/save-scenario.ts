// Saving a what-if under a name: recomputed here from the changes (never taken from the caller), then
// stored with what it did (PD and grade before and after per exposure) and audited in one transaction.
import { InputError, saveWhatIfScenario, type Database, type TenantScope, type WhatIfScenario } from '@probity/db';
import type { FeatureChange, ObligorRequest } from './score-obligor.ts';
import type { ScorerCache } from './scorer-cache.ts';
import { whatIf } from './what-if.ts';

export async function saveScenario(
  db: Database,
  scope: TenantScope,
  cache: ScorerCache,
  request: ObligorRequest & { name: string; changes: readonly FeatureChange[] },
): Promise<WhatIfScenario> {
  if (request.changes.length === 0) throw new InputError('changes', 'a scenario changes at least one feature');
  const result = await whatIf(db, scope, cache, request);
  return saveWhatIfScenario(db, scope, {
    obligorId: request.obligorId,
    name: request.name,
    asOf: result.asOf,
    changes: request.changes.map((c) => ({ feature: c.feature, value: c.value ?? null, text: c.text ?? null })),
    result: result.exposures.map((e) => ({
      exposureId: e.current.exposureId,
      modelVersionId: e.current.modelVersionId,
      currentPd: e.current.pd,
      currentGrade: e.current.grade,
      scenarioPd: e.scenario.pd,
      scenarioGrade: e.scenario.grade,
    })),
  });
}
