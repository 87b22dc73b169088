// Training workers announce themselves (system access, not tenant data): GPU workers take deep and
// fusion jobs first, and CPU workers take them only while no GPU worker is alive.
import type { Database } from '../client.ts';
import { prismaOf } from '../client.ts';

/** A worker that has not announced itself for this long is taken as gone. */
export const WORKER_ALIVE_MS = 30_000;

export interface WorkerAnnouncement {
  id: string;
  machine: string;
  backend: string;
  gpu: boolean;
}

export async function announceWorker(db: Database, worker: WorkerAnnouncement): Promise<void> {
  await prismaOf(db).mlWorker.upsert({
    where: { id: worker.id },
    create: { id: worker.id, machine: worker.machine, backend: worker.backend, gpu: worker.gpu },
    update: { machine: worker.machine, backend: worker.backend, gpu: worker.gpu, lastSeenAt: new Date() },
  });
}

export async function retireWorker(db: Database, id: string): Promise<void> {
  await prismaOf(db).mlWorker.deleteMany({ where: { id } });
}

export async function gpuWorkerAlive(db: Database): Promise<boolean> {
  const count = await prismaOf(db).mlWorker.count({ where: { gpu: true, lastSeenAt: { gt: new Date(Date.now() - WORKER_ALIVE_MS) } } });
  return count > 0;
}
