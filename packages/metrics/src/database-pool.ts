// Connection pool use, read when scraped: open, idle and in-use connections, callers waiting for one,
// and the pool's size.
import { Gauge, type Registry } from 'prom-client';

export interface PoolUsage {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

export function registerPoolGauge(registry: Registry, usage: () => PoolUsage): Gauge<'state'> {
  return new Gauge({
    name: 'probity_db_pool_connections',
    help: 'PostgreSQL connection pool: open, idle, in_use connections, waiting callers, and max (pool size).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const u = usage();
      this.set({ state: 'open' }, u.total);
      this.set({ state: 'idle' }, u.idle);
      this.set({ state: 'in_use' }, u.total - u.idle);
      this.set({ state: 'waiting' }, u.waiting);
      this.set({ state: 'max' }, u.max);
    },
  });
}
