// Entry of this package's worker threads. The package ships TypeScript and Node.js 20 gives worker
// threads no TypeScript loader, so this registers tsx's loader (a dependency) and imports the module
// the parent named. Worker code is ordinary modules: no function source is sent as text.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
// A WorkerChannel's thread says when its module has loaded (its `ready`), before any reply.
if (workerData.announce) parentPort.postMessage(workerData.announce);
