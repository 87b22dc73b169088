/** A simulation worker: holds one plan and simulates the chunks it is asked for. */
import { parentPort } from 'node:worker_threads';
import { simulateChunk } from '../montecarlo/chunk.ts';
import { contributionChunk } from '../montecarlo/contributions.ts';
import type { SimulationPlan } from '../montecarlo/plan.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

if (!parentPort) throw new Error('simulation-worker.ts must run in a worker thread');
const port = parentPort;
let plan: SimulationPlan | null = null;

port.on('message', (request: WorkerRequest) => {
  if (request.kind === 'plan') {
    plan = request.plan;
    return;
  }
  try {
    if (!plan) throw new Error('no plan received');
    if (request.kind === 'simulate') {
      const chunk = simulateChunk(plan, request.chunkIndex);
      const response: WorkerResponse = { kind: 'simulated', id: request.id, chunk };
      port.postMessage(response, [chunk.losses.buffer, chunk.weights.buffer, chunk.sectorLosses.buffer] as ArrayBuffer[]);
    } else {
      const part = contributionChunk(plan, request.thresholds, request.chunkIndex, request.losses);
      const response: WorkerResponse = { kind: 'contributed', id: request.id, part };
      port.postMessage(response, [part.sums.buffer, part.squares.buffer] as ArrayBuffer[]);
    }
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    const response: WorkerResponse = {
      kind: 'failed',
      id: request.id,
      message: failure.message,
      ...(failure.stack ? { stack: failure.stack } : {}),
    };
    port.postMessage(response);
  }
});
