// @probity/metrics: the Prometheus metrics of the API and the worker, defined once (see README.md).
export type { Registry } from 'prom-client';
export { createRegistry, scrape } from './registry.ts';
export { registerPoolGauge, type PoolUsage } from './database-pool.ts';
export { createApiMetrics, LATENCY_BUCKETS, type ApiMetrics } from './api.ts';
export { createWorkerMetrics, JOB_BUCKETS, type QueueDepth, type WorkerMetrics } from './worker.ts';
