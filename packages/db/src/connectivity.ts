// Tells a lost or refused database connection apart from every other error: PostgreSQL stopped,
// restarting, or unreachable. Callers answer those with "unavailable, try again" (the API: 503
// SERVICE_UNAVAILABLE) or wait and retry (the worker), instead of a generic internal error. The
// driver's error may arrive bare (pg), wrapped by Prisma's adapter (kind), or as Prisma's own error
// (code P1001/P1017), so the whole cause chain is inspected.
const CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  // PostgreSQL: admin shutdown, crash shutdown, cannot connect now, connection failures.
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  // Prisma: cannot reach the server, server closed the connection.
  'P1001',
  'P1002',
  'P1017',
]);
const KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout']);
const MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|ECONNREFUSED|ECONNRESET|terminating connection due to administrator command|the database system is (shutting down|starting up|not yet accepting connections|in recovery mode)|Can't reach database server|Server has closed the connection|Client has encountered a connection error|Connection is closed|Client was closed and is not queryable/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 20) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    if (typeof record.code === 'string' && CODES.has(record.code)) return true;
    if (typeof record.originalCode === 'string' && CODES.has(record.originalCode)) return true;
    if (typeof record.kind === 'string' && KINDS.has(record.kind)) return true;
    if (typeof record.message === 'string' && MESSAGES.test(record.message)) return true;
    for (const key of ['cause', 'meta', 'driverAdapterError', 'errors', 'originalError']) {
      const next = record[key];
      if (Array.isArray(next)) queue.push(...(next as unknown[]));
      else if (next) queue.push(next);
    }
  }
  return false;
}
