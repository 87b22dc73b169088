// A worker module for ts-worker.test.ts: answers each number with the number plus `add`.
import { parentPort, workerData } from 'node:worker_threads';

const { add } = (workerData as { data: { add: number } }).data;
parentPort!.on('message', (n: number) => parentPort!.postMessage(n + add));
