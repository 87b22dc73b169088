// One registry per process, with Node's default process metrics (CPU, memory, event-loop lag, GC)
// and the exposition every /metrics endpoint serves.
import { collectDefaultMetrics, Registry } from 'prom-client';

export function createRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: `probity-${service}` });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** The text exposition format: what GET /metrics answers. */
export async function scrape(registry: Registry): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
