// Stress scenarios: named, stored shock definitions. Every create, update and delete writes its audit
// row in the same transaction (entity type StressScenario), which is the scenario's history. The
// caller checks the definition against the factor model with @probity/risk's parseStressScenario.
import type { Database } from '../../client.ts';
import type { StressScenario as Row } from '../../generated/prisma/client.ts';
import type { StressDefinition, StressScenario } from '../../domain/risk.ts';
import { ConflictError, NotFoundError, staleVersionError } from '../../errors.ts';
import { isUuid } from '../../ids.ts';
import { optionalText, text } from '../../validate.ts';
import type { TenantScope } from '../../scope.ts';
import { withTenant } from '../../tenant.ts';
import { recordAudit } from '../audit.ts';
import { fromJson, toJson } from './json.ts';
import { isUniqueViolation } from '../../unique-violation.ts';

export const STRESS_SCENARIO_ENTITY = 'StressScenario';

function toScenario(row: Row): StressScenario {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    description: row.description,
    definition: fromJson<StressDefinition>(row.definition),
    version: row.version,
    createdById: row.createdById,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface StressScenarioInput {
  name: string;
  description?: string | null;
  definition: StressDefinition;
}

function cleanName(name: string): string {
  return text('name', name, { min: 1, max: 120 });
}

async function uniqueName<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError('name', `a stress scenario named "${name}" already exists`);
    }
    throw error;
  }
}

export async function listStressScenarios(db: Database, scope: TenantScope): Promise<StressScenario[]> {
  return withTenant(db, scope, async (tx) =>
    (await tx.stressScenario.findMany({ where: { organizationId: scope.organizationId }, orderBy: { name: 'asc' } })).map(toScenario),
  );
}

export async function getStressScenario(db: Database, scope: TenantScope, id: string): Promise<StressScenario | null> {
  if (!isUuid(id)) return null;
  return withTenant(db, scope, async (tx) => {
    const row = await tx.stressScenario.findFirst({ where: { id, organizationId: scope.organizationId } });
    return row ? toScenario(row) : null;
  });
}

export async function createStressScenario(db: Database, scope: TenantScope, input: StressScenarioInput): Promise<StressScenario> {
  const name = cleanName(input.name);
  return uniqueName(name, () =>
    withTenant(db, scope, async (tx) => {
      const scenario = toScenario(
        await tx.stressScenario.create({
          data: {
            organizationId: scope.organizationId,
            name,
            description: optionalText('description', input.description, { max: 1000, multiline: true }),
            definition: toJson(input.definition),
            createdById: scope.actor.kind === 'user' ? scope.actor.userId : null,
          },
        }),
      );
      await recordAudit(tx, scope, {
        action: 'stressScenario.create',
        entityType: STRESS_SCENARIO_ENTITY,
        entityId: scenario.id,
        after: scenario,
      });
      return scenario;
    }),
  );
}

/**
 * Replaces the scenario's definition and bumps its version. With `expectedVersion` (the version the
 * caller edited), a save made since is not undone: ConflictError and nothing written.
 */
export async function updateStressScenario(
  db: Database,
  scope: TenantScope,
  id: string,
  input: StressScenarioInput,
  expectedVersion?: number | null,
): Promise<StressScenario> {
  const name = cleanName(input.name);
  if (!isUuid(id)) throw new NotFoundError('StressScenario');
  return uniqueName(name, () =>
    withTenant(db, scope, async (tx) => {
      // Locked first, so a concurrent update lands before this read or after this transaction.
      await tx.$queryRaw`SELECT id FROM stress_scenarios WHERE id = ${id}::uuid FOR UPDATE`;
      const existing = await tx.stressScenario.findFirst({ where: { id, organizationId: scope.organizationId } });
      if (!existing) throw new NotFoundError('StressScenario');
      if (expectedVersion != null && existing.version !== expectedVersion) {
        throw staleVersionError(
          `stress scenario "${existing.name}"`,
          { version: existing.version, savedAt: existing.updatedAt },
          expectedVersion,
        );
      }
      const before = toScenario(existing);
      const after = toScenario(
        await tx.stressScenario.update({
          where: { id },
          data: {
            name,
            description: optionalText('description', input.description, { max: 1000, multiline: true }),
            definition: toJson(input.definition),
            version: { increment: 1 },
          },
        }),
      );
      await recordAudit(tx, scope, { action: 'stressScenario.update', entityType: STRESS_SCENARIO_ENTITY, entityId: id, before, after });
      return after;
    }),
  );
}

/**
 * Deletes a scenario; simulations that ran it keep their copy of it (and lose only the link). With
 * `expectedVersion` (the version the caller saw), a scenario saved since is not deleted unseen:
 * ConflictError and nothing written.
 */
export async function deleteStressScenario(
  db: Database,
  scope: TenantScope,
  id: string,
  expectedVersion?: number | null,
): Promise<StressScenario> {
  if (!isUuid(id)) throw new NotFoundError('StressScenario');
  return withTenant(db, scope, async (tx) => {
    // Locked first, as in updateStressScenario: an update at the same moment lands before this read
    // (and is checked and audited as the deleted state) or finds the row gone.
    await tx.$queryRaw`SELECT id FROM stress_scenarios WHERE id = ${id}::uuid FOR UPDATE`;
    const existing = await tx.stressScenario.findFirst({ where: { id, organizationId: scope.organizationId } });
    if (!existing) throw new NotFoundError('StressScenario');
    if (expectedVersion != null && existing.version !== expectedVersion) {
      throw staleVersionError(
        `stress scenario "${existing.name}"`,
        { version: existing.version, savedAt: existing.updatedAt },
        expectedVersion,
      );
    }
    await tx.stressScenario.delete({ where: { id } });
    const before = toScenario(existing);
    await recordAudit(tx, scope, { action: 'stressScenario.delete', entityType: STRESS_SCENARIO_ENTITY, entityId: id, before });
    return before;
  });
}
