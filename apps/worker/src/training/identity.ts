// Who this worker process is, as training jobs and model versions record it.
import { hostname } from 'node:os';
import type { WorkerEnv } from '../env.ts';
import type { WorkerIdentity } from '../jobs/define.ts';

const GPU_BACKENDS = new Set(['tensorflow', 'webgpu']);

export function workerIdentity(env: WorkerEnv): WorkerIdentity {
  const machine = hostname();
  const backend = env.PROBITY_ML_BACKEND ?? 'auto';
  return {
    id: `${machine}:${process.pid}`,
    machine,
    backend,
    gpu: GPU_BACKENDS.has(backend),
    heartbeatMs: env.PROBITY_TRAINING_HEARTBEAT_SECONDS * 1000,
  };
}
