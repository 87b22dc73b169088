// The load's statements, timed: wall time and the database backend's CPU seconds of each text query
// over a threshold (COPY streams pass through; their time shows in the total). `npm run bench:load`
// lists them, `npm run bench:scale` records them per size, so a slow load in one says which step grew.
import type pg from 'pg';

export interface TimedStep {
  sql: string;
  wall: number;
  cpu: number;
}

/** This backend's user + system CPU seconds so far, from /proc (Linux, superuser); null elsewhere. */
export async function backendCpuSeconds(query: (sql: string) => Promise<pg.QueryResult<{ stat: string }>>): Promise<number | null> {
  try {
    const { rows } = await query(`SELECT pg_read_file('/proc/self/stat') AS stat`);
    const stat = rows[0]!.stat;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 a second on Linux)
  } catch {
    return null;
  }
}

/**
 * Makes `client` record every text query that takes over `thresholdSeconds` into `steps` (two more
 * round trips per query, to read the backend's CPU time: for benchmarks only).
 */
export function timeSteps(client: pg.Client, steps: TimedStep[], thresholdSeconds = 0.2): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const cpu = async () => (await backendCpuSeconds(query as (sql: string) => Promise<pg.QueryResult<{ stat: string }>>)) ?? 0;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    if (typeof args[0] !== 'string') return query(...args);
    return (async () => {
      const [cpu0, t0] = [await cpu(), performance.now()];
      const result = await (query(...args) as Promise<unknown>);
      const wall = (performance.now() - t0) / 1000;
      if (wall > thresholdSeconds) steps.push({ sql: String(args[0]).replace(/\s+/g, ' ').trim(), wall, cpu: (await cpu()) - cpu0 });
      return result;
    })();
  };
}
