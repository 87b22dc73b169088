/** The worker-thread side of probeBackend: loads exactly the named backend and says how it went. */
import { parentPort, workerData } from 'node:worker_threads';
import type { BackendProbe } from './probe.ts';
import { selectBackend } from './select.ts';

const { name } = (workerData as { data: { name: string } }).data;
let answer: BackendProbe;
try {
  answer = { ok: true, name, detail: (await selectBackend(name)).detail };
} catch (error) {
  answer = { ok: false, name, reason: error instanceof Error ? error.message : String(error) };
}
parentPort!.postMessage(answer);
