// Saved what-if scenarios: a name, the feature changes and what they did at saving. Saving writes
// its audit row in the same transaction; a name is unique per obligor (a second save is a conflict).
import type { Database } from '../client.ts';
import type { WhatIfScenario as Row } from '../generated/prisma/client.ts';
import type { WhatIfChangeRecord, WhatIfOutcomeRecord, WhatIfScenario } from '../domain/scoring.ts';
import { localDate } from '../domain/from-rows.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { text } from '../validate.ts';
import { isUniqueViolation } from '../unique-violation.ts';
import { recordAudit } from '../repositories/audit.ts';
import { fromJson, toJson } from '../repositories/risk/json.ts';

function toScenario(row: Row): WhatIfScenario {
  return {
    id: row.id,
    organizationId: row.organizationId,
    obligorId: row.obligorId,
    name: row.name,
    changes: fromJson<WhatIfChangeRecord[]>(row.changes),
    result: fromJson<WhatIfOutcomeRecord[]>(row.result),
    asOf: localDate(row.asOf),
    createdById: row.createdById,
    createdAt: row.createdAt,
  };
}

export interface WhatIfScenarioInput {
  obligorId: string;
  name: string;
  changes: WhatIfChangeRecord[];
  result: WhatIfOutcomeRecord[];
  asOf: string;
}

export async function saveWhatIfScenario(db: Database, scope: TenantScope, input: WhatIfScenarioInput): Promise<WhatIfScenario> {
  const name = text('name', input.name, { min: 1, max: 120 });
  if (!isUuid(input.obligorId)) throw new NotFoundError('Obligor');
  try {
    return await withTenant(db, scope, async (tx) => {
      const obligor = await tx.obligor.findFirst({
        where: { id: input.obligorId, organizationId: scope.organizationId },
        select: { id: true },
      });
      if (!obligor) throw new NotFoundError('Obligor');
      const scenario = toScenario(
        await tx.whatIfScenario.create({
          data: {
            organizationId: scope.organizationId,
            obligorId: input.obligorId,
            name,
            changes: toJson(input.changes),
            result: toJson(input.result),
            asOf: new Date(`${input.asOf}T00:00:00Z`),
            createdById: scope.actor.kind === 'user' ? scope.actor.userId : null,
          },
        }),
      );
      await recordAudit(tx, scope, { action: 'whatIfScenario.save', entityType: 'WhatIfScenario', entityId: scenario.id, after: scenario });
      return scenario;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('name', `this obligor already has a scenario named "${name}"`);
    throw error;
  }
}

/** The obligor's saved scenarios, newest first. */
export async function listWhatIfScenarios(db: Database, scope: TenantScope, obligorId: string): Promise<WhatIfScenario[]> {
  if (!isUuid(obligorId)) return [];
  return withTenant(db, scope, async (tx) =>
    (
      await tx.whatIfScenario.findMany({
        where: { organizationId: scope.organizationId, obligorId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 200,
      })
    ).map(toScenario),
  );
}
