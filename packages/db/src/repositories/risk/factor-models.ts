// The organization's factor model for portfolio simulations, versioned. Until a risk officer saves
// one, the default (version 0) is built from the sectors of the organization's obligors: one factor
// per sector, every pair of sectors correlated DEFAULT_SECTOR_CORRELATION, and no per-sector asset
// correlation, so every obligor's loading comes from the Basel IRB asset-correlation formula of its
// asset class and PD. Each save inserts the next version (audited in the same transaction); past
// versions stay for the lineage of the simulations that used them.
import type { Database } from '../../client.ts';
import type { RiskFactorModel as Row } from '../../generated/prisma/client.ts';
import type { RiskFactorModel } from '../../domain/risk.ts';
import { ConflictError, InputError, staleVersionError } from '../../errors.ts';
import type { TenantScope } from '../../scope.ts';
import { withTenant } from '../../tenant.ts';
import type { TransactionClient } from '../../client.ts';
import { recordAudit } from '../audit.ts';
import { fromJson, toJson } from './json.ts';
import { isUniqueViolation } from '../../unique-violation.ts';

/** Correlation of any two sector factors in the default model (a common middle-of-the-road choice). */
export const DEFAULT_SECTOR_CORRELATION = 0.5;
/** Sector of obligors without one. */
export const UNASSIGNED_SECTOR = 'Unassigned';

function toFactorModel(row: Row): RiskFactorModel {
  return {
    version: row.version,
    sectors: fromJson<string[]>(row.sectors),
    correlation: fromJson<number[][]>(row.correlation),
    sectorAssetCorrelation: fromJson<Record<string, number>>(row.sectorAssetCorrelation),
    note: row.note,
    createdById: row.createdById,
    createdAt: row.createdAt,
    isDefault: false,
  };
}

async function defaultModel(tx: TransactionClient, organizationId: string): Promise<RiskFactorModel> {
  const rows = await tx.obligor.findMany({ where: { organizationId }, distinct: ['sector'], select: { sector: true } });
  const sectors = [...new Set(rows.map((row) => row.sector ?? UNASSIGNED_SECTOR))].sort();
  if (sectors.length === 0) sectors.push(UNASSIGNED_SECTOR);
  return {
    version: 0,
    sectors,
    correlation: sectors.map((_, i) => sectors.map((__, j) => (i === j ? 1 : DEFAULT_SECTOR_CORRELATION))),
    sectorAssetCorrelation: {},
    note: `Default: one factor per sector, sector correlation ${DEFAULT_SECTOR_CORRELATION}, Basel IRB asset correlations`,
    createdById: null,
    createdAt: null,
    isDefault: true,
  };
}

export async function currentFactorModelIn(tx: TransactionClient, organizationId: string): Promise<RiskFactorModel> {
  const row = await tx.riskFactorModel.findFirst({ where: { organizationId }, orderBy: { version: 'desc' } });
  return row ? toFactorModel(row) : defaultModel(tx, organizationId);
}

/** The current factor model (the latest saved version, else the default). */
export async function currentFactorModel(db: Database, scope: TenantScope): Promise<RiskFactorModel> {
  return withTenant(db, scope, (tx) => currentFactorModelIn(tx, scope.organizationId));
}

/** Every saved version, newest first (the default is not stored). */
export async function listFactorModelVersions(db: Database, scope: TenantScope): Promise<RiskFactorModel[]> {
  return withTenant(db, scope, async (tx) =>
    (await tx.riskFactorModel.findMany({ where: { organizationId: scope.organizationId }, orderBy: { version: 'desc' } })).map(
      toFactorModel,
    ),
  );
}

export interface SaveFactorModelInput {
  sectors: string[];
  correlation: number[][];
  sectorAssetCorrelation: Record<string, number>;
  note?: string | null;
}

/**
 * Saves the next version. The caller checks the maths (positive semi-definite correlation, R in
 * [0, 1)) with @probity/risk's parseFactorModel first; this checks the shape it stores. With
 * `expectedVersion` (the version the caller edited; 0 for the default), a version saved since is not
 * replaced: ConflictError and nothing written.
 */
export async function saveFactorModel(
  db: Database,
  scope: TenantScope,
  input: SaveFactorModelInput,
  expectedVersion?: number | null,
): Promise<RiskFactorModel> {
  const n = input.sectors.length;
  if (n === 0) throw new InputError('sectors', 'must list at least one sector');
  if (input.correlation.length !== n || input.correlation.some((row) => row.length !== n)) {
    throw new InputError('correlation', `must be ${n} x ${n} (one row and column per sector)`);
  }
  return conflictOnRace(() =>
    withTenant(db, scope, async (tx) => {
      // One save at a time per organization, so the version checked below is the one replaced.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('risk_factor_model:' || ${scope.organizationId}))`;
      const before = await currentFactorModelIn(tx, scope.organizationId);
      if (expectedVersion != null && before.version !== expectedVersion) {
        throw staleVersionError('risk factor model', { version: before.version, savedAt: before.createdAt }, expectedVersion);
      }
      const row = await tx.riskFactorModel.create({
        data: {
          organizationId: scope.organizationId,
          version: before.version + 1,
          sectors: toJson(input.sectors),
          correlation: toJson(input.correlation),
          sectorAssetCorrelation: toJson(input.sectorAssetCorrelation),
          note: input.note?.trim() || null,
          createdById: scope.actor.kind === 'user' ? scope.actor.userId : null,
        },
      });
      const saved = toFactorModel(row);
      await recordAudit(tx, scope, {
        action: 'riskFactorModel.save',
        entityType: 'RiskFactorModel',
        entityId: row.id,
        before,
        after: saved,
      });
      return saved;
    }),
  );
}

/** Two saves at once would take the same version number: the second is told to retry. */
async function conflictOnRace<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError('version', 'another version was saved at the same time; reload and try again');
    }
    throw error;
  }
}
