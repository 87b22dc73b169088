/** Messages between the coordinator and the simulation workers. */
import type { ChunkResult } from '../montecarlo/chunk.ts';
import type { ContributionChunk, ContributionThresholds } from '../montecarlo/contributions.ts';
import type { SimulationPlan } from '../montecarlo/plan.ts';

export type WorkerRequest =
  | { kind: 'plan'; plan: SimulationPlan }
  | { kind: 'simulate'; id: number; chunkIndex: number }
  | { kind: 'contributions'; id: number; chunkIndex: number; thresholds: ContributionThresholds; losses: Float64Array };

export type WorkerResponse =
  | { kind: 'simulated'; id: number; chunk: ChunkResult }
  | { kind: 'contributed'; id: number; part: ContributionChunk }
  | { kind: 'failed'; id: number; message: string; stack?: string };
