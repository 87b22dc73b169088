// The API's metrics: HTTP requests and GraphQL operations (latency histograms), and errors by public
// code. Label values are bounded: routes are a fixed list and operation names are capped (a client
// picks them), so a hostile client cannot grow the series without limit.
import { Counter, Histogram, type Registry } from 'prom-client';

/** Seconds; from 1 ms to 10 s, dense where the API's latency lives. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const KNOWN_ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics']);
const MAX_OPERATION_NAMES = 200;

export interface ApiMetrics {
  observeRequest(input: { method: string; path: string; status: number; seconds: number }): void;
  observeOperation(input: { name: string | null | undefined; type: string | null | undefined; seconds: number }): void;
  countError(code: string): void;
  /** How a request's credential was resolved: from the cache (hit), the database (miss), or the database with the cache off (bypass). */
  countCredentialLookup(how: 'hit' | 'miss' | 'bypass'): void;
}

export function createApiMetrics(registry: Registry): ApiMetrics {
  const requests = new Histogram({
    name: 'probity_http_request_duration_seconds',
    help: 'HTTP requests to the API by method, route and status, in seconds.',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const operations = new Histogram({
    name: 'probity_graphql_operation_duration_seconds',
    help: 'GraphQL operations by operation name and type (query, mutation), from parsing to response, in seconds.',
    labelNames: ['operation', 'type'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'probity_graphql_errors_total',
    help: 'Errors answered to clients, by public code (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, INTERNAL_SERVER_ERROR…).',
    labelNames: ['code'],
    registers: [registry],
  });
  const credentialLookups = new Counter({
    name: 'probity_credential_lookups_total',
    help: 'Credentials resolved per request: hit (credential cache), miss (database, then cached), bypass (database; cache off or its change listener down).',
    labelNames: ['result'],
    registers: [registry],
  });
  const seenOperations = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    const label = name.slice(0, 64);
    if (seenOperations.has(label)) return label;
    if (seenOperations.size >= MAX_OPERATION_NAMES) return 'other';
    seenOperations.add(label);
    return label;
  };
  const codeLabel = (code: string) => (/^[A-Z_]{1,40}$/.test(code) ? code : 'OTHER');

  return {
    observeRequest: ({ method, path, status, seconds }) =>
      requests.observe(
        {
          method: ['GET', 'POST'].includes(method) ? method : 'OTHER',
          route: KNOWN_ROUTES.has(path) ? path : 'other',
          status: String(status),
        },
        seconds,
      ),
    observeOperation: ({ name, type, seconds }) =>
      operations.observe({ operation: operationLabel(name), type: type === 'query' || type === 'mutation' ? type : 'unknown' }, seconds),
    countError: (code) => errors.inc({ code: codeLabel(code) }),
    countCredentialLookup: (how) => credentialLookups.inc({ result: how }),
  };
}
