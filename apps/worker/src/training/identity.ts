// Who this worker process is, as training jobs and model versions record it. A worker asked for a GPU
// backend (PROBITY_ML_BACKEND=tensorflow or webgpu) proves it loads before it announces itself as a
// GPU worker: one that cannot load it (no driver, no adapter, the native package not installed) says
// why, trains on the fastest backend that does load, and leaves deep and fusion jobs to real GPU workers.
import { hostname } from 'node:os';
import { probeBackend, type BackendProbe } from '@probity/ml';
import type { Logger } from '@probity/logging';
import type { WorkerEnv } from '../env.ts';
import type { WorkerIdentity } from '../jobs/define.ts';

const GPU_BACKENDS = new Set(['tensorflow', 'webgpu']);

/** The identity from the configuration alone (the `npm run job` CLI, which announces nothing). */
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

/** The identity a running worker announces: a GPU backend only once it has loaded here. */
export async function verifiedWorkerIdentity(
  env: WorkerEnv,
  log: Logger,
  probe: (name: string) => Promise<BackendProbe> = probeBackend,
): Promise<WorkerIdentity> {
  const identity = workerIdentity(env);
  if (!identity.gpu) return identity;
  const loaded = await probe(identity.backend);
  if (loaded.ok) {
    log.info({ backend: identity.backend, detail: loaded.detail }, 'GPU backend loaded: taking deep and fusion jobs first');
    return identity;
  }
  log.warn(
    { backend: identity.backend, reason: loaded.reason },
    `PROBITY_ML_BACKEND=${identity.backend} cannot load here, so this worker trains on the fastest backend that does and does not take GPU jobs first`,
  );
  return { ...identity, backend: 'auto', gpu: false, backendProblem: `${identity.backend}: ${loaded.reason}` };
}
