// simulate-portfolio runs: requested by the API (inputs resolved and checked, then stored with the
// run, so every worker rebuilds the same plan and the figures keep their lineage), advanced by the
// worker (status, live progress, results), listed per portfolio and as-of date.
import type { Database } from '../../client.ts';
import { Prisma, type RiskSimulation as Row } from '../../generated/prisma/client.ts';
import type {
  ExcludedExposure,
  PdSource,
  RiskFactorModel,
  RiskSimulation,
  SimulationInputs,
  SimulationParameters,
  SimulationProgress,
  StressScenario,
} from '../../domain/risk.ts';
import type { RiskResultView } from '../../domain/risk-result.ts';
import type { JsonValue } from '../../domain/values.ts';
import { localDate } from '../../domain/from-rows.ts';
import { InputError, NotFoundError } from '../../errors.ts';
import { isUuid } from '../../ids.ts';
import type { TenantScope } from '../../scope.ts';
import { withTenant } from '../../tenant.ts';
import { recordAudit } from '../audit.ts';
import { fromJson, toJson } from './json.ts';

/** Every column but the (large) inputs. */
const SUMMARY = {
  id: true,
  organizationId: true,
  portfolioId: true,
  asOf: true,
  status: true,
  scenarioId: true,
  scenario: true,
  factorModelVersion: true,
  pdSource: true,
  parameters: true,
  excluded: true,
  exposureCount: true,
  progress: true,
  result: true,
  error: true,
  jobId: true,
  requestedById: true,
  createdAt: true,
  startedAt: true,
  completedAt: true,
} as const satisfies Prisma.RiskSimulationSelect;

type SummaryRow = Omit<Row, 'inputs'>;

function toSimulation(row: SummaryRow): RiskSimulation {
  return {
    id: row.id,
    organizationId: row.organizationId,
    portfolioId: row.portfolioId,
    asOf: localDate(row.asOf),
    status: row.status,
    scenarioId: row.scenarioId,
    scenario: row.scenario === null ? null : fromJson<RiskSimulation['scenario']>(row.scenario),
    factorModelVersion: row.factorModelVersion,
    pdSource: fromJson<PdSource>(row.pdSource),
    parameters: fromJson<SimulationParameters>(row.parameters),
    excluded: fromJson<ExcludedExposure[]>(row.excluded),
    exposureCount: row.exposureCount,
    progress: fromJson<SimulationProgress>(row.progress),
    result: row.result === null ? null : fromJson<JsonValue>(row.result),
    error: row.error,
    jobId: row.jobId,
    requestedById: row.requestedById,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
  };
}

export interface CreateSimulationInput {
  portfolioId: string;
  asOf: string;
  scenario: StressScenario | null;
  factorModel: RiskFactorModel;
  pdSource: PdSource;
  parameters: SimulationParameters;
  inputs: SimulationInputs;
  excluded: ExcludedExposure[];
}

/** Stores a requested run (status QUEUED) with its audit row; the caller enqueues the job after. */
export async function createSimulation(db: Database, scope: TenantScope, input: CreateSimulationInput): Promise<RiskSimulation> {
  if (input.inputs.exposures.length === 0) throw new InputError('pd', 'no exposure of the portfolio has a PD: nothing to simulate');
  const progress: SimulationProgress = {
    phase: 'queued',
    chunksDone: 0,
    scenarios: 0,
    worstRelativeError: null,
    targetRelativeError: input.parameters.targetRelativeError,
    fannedOutJobs: 0,
  };
  return withTenant(
    db,
    scope,
    async (tx) => {
      const row = await tx.riskSimulation.create({
        data: {
          organizationId: scope.organizationId,
          portfolioId: input.portfolioId,
          asOf: new Date(`${input.asOf}T00:00:00Z`),
          scenarioId: input.scenario?.id ?? null,
          scenario: input.scenario
            ? toJson({
                id: input.scenario.id,
                name: input.scenario.name,
                version: input.scenario.version,
                definition: input.scenario.definition,
              })
            : undefined,
          factorModelVersion: input.factorModel.version,
          pdSource: toJson(input.pdSource),
          parameters: toJson(input.parameters),
          inputs: toJson(input.inputs),
          excluded: toJson(input.excluded),
          exposureCount: input.inputs.exposures.length,
          progress: toJson(progress),
          requestedById: scope.actor.kind === 'user' ? scope.actor.userId : null,
        },
        select: SUMMARY,
      });
      const simulation = toSimulation(row);
      const { result: _result, ...lineage } = simulation;
      await recordAudit(tx, scope, { action: 'riskSimulation.request', entityType: 'RiskSimulation', entityId: row.id, after: lineage });
      return simulation;
    },
    { timeoutMs: 60_000 },
  );
}

export async function attachSimulationJob(db: Database, scope: TenantScope, id: string, jobId: string | null): Promise<void> {
  await withTenant(db, scope, (tx) =>
    tx.riskSimulation.updateMany({ where: { id, organizationId: scope.organizationId }, data: { jobId } }),
  );
}

export async function getSimulation(db: Database, scope: TenantScope, id: string): Promise<RiskSimulation | null> {
  if (!isUuid(id)) return null;
  return withTenant(db, scope, async (tx) => {
    const row = await tx.riskSimulation.findFirst({ where: { id, organizationId: scope.organizationId }, select: SUMMARY });
    return row ? toSimulation(row) : null;
  });
}

/** A portfolio's runs, newest first (by as-of date, then request time); optionally one as-of day. */
export async function listSimulations(
  db: Database,
  scope: TenantScope,
  portfolioId: string,
  options: { asOf?: string | null; first?: number | null } = {},
): Promise<RiskSimulation[]> {
  if (!isUuid(portfolioId)) return [];
  const take = Math.min(Math.max(options.first ?? 20, 1), 100);
  return withTenant(db, scope, async (tx) => {
    const rows = await tx.riskSimulation.findMany({
      where: {
        portfolioId,
        organizationId: scope.organizationId,
        ...(options.asOf ? { asOf: new Date(`${options.asOf}T00:00:00Z`) } : {}),
      },
      orderBy: [{ asOf: 'desc' }, { createdAt: 'desc' }],
      take,
      select: SUMMARY,
    });
    return rows.map(toSimulation);
  });
}

export interface SimulationWork {
  simulation: RiskSimulation;
  inputs: SimulationInputs;
}

/** What the worker needs to (re)build the plans: the run and its stored inputs. */
export async function simulationWork(db: Database, scope: TenantScope, id: string): Promise<SimulationWork> {
  return withTenant(
    db,
    scope,
    async (tx) => {
      const row = await tx.riskSimulation.findFirst({ where: { id, organizationId: scope.organizationId } });
      if (!row) throw new NotFoundError('RiskSimulation');
      return { simulation: toSimulation(row), inputs: fromJson<SimulationInputs>(row.inputs) };
    },
    { timeoutMs: 60_000 },
  );
}

export async function markSimulationRunning(db: Database, scope: TenantScope, id: string): Promise<void> {
  await withTenant(db, scope, (tx) =>
    tx.riskSimulation.updateMany({
      where: { id, organizationId: scope.organizationId },
      data: { status: 'RUNNING', startedAt: new Date(), error: null, result: Prisma.DbNull },
    }),
  );
}

export async function updateSimulationProgress(db: Database, scope: TenantScope, id: string, progress: SimulationProgress): Promise<void> {
  await withTenant(db, scope, (tx) =>
    tx.riskSimulation.updateMany({ where: { id, organizationId: scope.organizationId }, data: { progress: toJson(progress) } }),
  );
}

/** Stores the results and drops the run's chunks (they are merged into the results). */
export async function completeSimulation(
  db: Database,
  scope: TenantScope,
  id: string,
  result: RiskResultView,
  progress: SimulationProgress,
): Promise<void> {
  await withTenant(
    db,
    scope,
    async (tx) => {
      await tx.riskSimulation.updateMany({
        where: { id, organizationId: scope.organizationId },
        data: { status: 'COMPLETED', completedAt: new Date(), result: toJson(result), progress: toJson(progress), error: null },
      });
      await tx.riskSimulationChunk.deleteMany({ where: { simulationId: id, organizationId: scope.organizationId } });
    },
    { timeoutMs: 60_000 },
  );
}

export async function failSimulation(
  db: Database,
  scope: TenantScope,
  id: string,
  error: string,
  progress: SimulationProgress,
): Promise<void> {
  await withTenant(db, scope, async (tx) => {
    await tx.riskSimulation.updateMany({
      where: { id, organizationId: scope.organizationId },
      data: { status: 'FAILED', completedAt: new Date(), error: error.slice(0, 2000), progress: toJson(progress) },
    });
    await tx.riskSimulationChunk.deleteMany({ where: { simulationId: id, organizationId: scope.organizationId } });
  });
}

export interface ChunkKey {
  simulationId: string;
  variant: 'base' | 'stressed';
  phase: 'simulate' | 'contributions';
}

/** Stores a finished chunk; a retried chunk job overwrites its own earlier copy (same bits). */
export async function saveSimulationChunk(
  db: Database,
  scope: TenantScope,
  key: ChunkKey,
  chunkIndex: number,
  data: unknown,
): Promise<void> {
  await withTenant(
    db,
    scope,
    (tx) =>
      tx.riskSimulationChunk.upsert({
        where: { simulationId_variant_phase_chunkIndex: { ...key, chunkIndex } },
        create: { ...key, chunkIndex, organizationId: scope.organizationId, data: toJson(data) },
        update: { data: toJson(data) },
      }),
    { timeoutMs: 60_000 },
  );
}

/** Indices of the stored chunks among `indices`. */
export async function storedChunkIndices(db: Database, scope: TenantScope, key: ChunkKey, indices: number[]): Promise<number[]> {
  return withTenant(db, scope, async (tx) => {
    const rows = await tx.riskSimulationChunk.findMany({
      where: { ...key, organizationId: scope.organizationId, chunkIndex: { in: indices } },
      select: { chunkIndex: true },
    });
    return rows.map((row) => row.chunkIndex).sort((x, y) => x - y);
  });
}

/** The stored chunks among `indices`, in index order. */
export async function loadSimulationChunks<T>(db: Database, scope: TenantScope, key: ChunkKey, indices: number[]): Promise<T[]> {
  return withTenant(
    db,
    scope,
    async (tx) => {
      const rows = await tx.riskSimulationChunk.findMany({
        where: { ...key, organizationId: scope.organizationId, chunkIndex: { in: indices } },
        orderBy: { chunkIndex: 'asc' },
      });
      return rows.map((row) => fromJson<T>(row.data));
    },
    { timeoutMs: 60_000 },
  );
}
