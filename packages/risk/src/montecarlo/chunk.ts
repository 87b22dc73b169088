/**
 * Chunks: the unit of work that workers share. Chunk c holds scenarios c x chunkSize .. (c + 1) x
 * chunkSize - 1, and each scenario's random stream depends only on the seed and its index, so a
 * chunk's result depends only on (plan, c): any worker, any order, any time.
 */
import type { SimulationPlan } from './plan.ts';
import { ScenarioWorkspace } from './scenario.ts';

export interface ChunkResult {
  fingerprint: string;
  chunkIndex: number;
  /** Loss per scenario. */
  losses: Float64Array;
  /** Likelihood-ratio weight per scenario (1 without importance sampling). */
  weights: Float64Array;
  /** Loss per scenario and sector, scenario-major (scenarios x sectors). */
  sectorLosses: Float64Array;
}

const workspaces = new WeakMap<SimulationPlan, ScenarioWorkspace>();

/** The reusable workspace of a plan (one per plan object and thread). */
export function workspaceFor(plan: SimulationPlan): ScenarioWorkspace {
  let workspace = workspaces.get(plan);
  if (!workspace) {
    workspace = new ScenarioWorkspace(plan);
    workspaces.set(plan, workspace);
  }
  return workspace;
}

export function simulateChunk(plan: SimulationPlan, chunkIndex: number): ChunkResult {
  if (!Number.isInteger(chunkIndex) || chunkIndex < 0 || (chunkIndex + 1) * plan.chunkSize > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`chunkIndex must be a non-negative integer, got ${chunkIndex}`);
  }
  const size = plan.chunkSize;
  const sectors = plan.sectors.length;
  const losses = new Float64Array(size);
  const weights = new Float64Array(size);
  const sectorLosses = new Float64Array(size * sectors);
  const workspace = workspaceFor(plan);
  const first = chunkIndex * size;
  for (let j = 0; j < size; j++) {
    workspace.run(first + j);
    losses[j] = workspace.loss;
    weights[j] = workspace.weight;
    sectorLosses.set(workspace.sectorLoss, j * sectors);
  }
  return { fingerprint: plan.fingerprint, chunkIndex, losses, weights, sectorLosses };
}
