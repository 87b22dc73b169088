// The API's label values stay bounded whatever a client sends, and the exposition shows what was observed.
import { describe, expect, it } from 'vitest';
import { createApiMetrics, createRegistry, scrape } from './index.ts';

/** The value of the sample `name` whose labels include every pair given (label order is prom-client's). */
function sample(body: string, name: string, labels: Record<string, string>): number | undefined {
  const line = body
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('API metrics', () => {
  it('exposes request and operation histograms and errors by code', async () => {
    const registry = createRegistry('api-test');
    const metrics = createApiMetrics(registry);
    metrics.observeRequest({ method: 'POST', path: '/graphql', status: 200, seconds: 0.004 });
    metrics.observeOperation({ name: 'Portfolios', type: 'query', seconds: 0.003 });
    metrics.countError('FORBIDDEN');
    const { contentType, body } = await scrape(registry);
    expect(contentType).toContain('text/plain');
    const request = { method: 'POST', route: '/graphql', status: '200', service: 'probity-api-test' };
    expect(sample(body, 'probity_http_request_duration_seconds_bucket', { ...request, le: '0.0025' })).toBe(0);
    expect(sample(body, 'probity_http_request_duration_seconds_bucket', { ...request, le: '0.005' })).toBe(1);
    expect(sample(body, 'probity_graphql_operation_duration_seconds_count', { operation: 'Portfolios', type: 'query' })).toBe(1);
    expect(sample(body, 'probity_graphql_errors_total', { code: 'FORBIDDEN' })).toBe(1);
  });

  it('folds hostile label values into fixed ones', async () => {
    const registry = createRegistry('api-test');
    const metrics = createApiMetrics(registry);
    metrics.observeRequest({ method: 'PROPFIND', path: '/graphql/../../etc', status: 404, seconds: 0.001 });
    metrics.countError('lower-case; injected="x"');
    for (let i = 0; i < 250; i += 1) metrics.observeOperation({ name: `op${i}`, type: 'subscription', seconds: 0.001 });
    const { body } = await scrape(registry);
    expect(sample(body, 'probity_http_request_duration_seconds_count', { method: 'OTHER', route: 'other', status: '404' })).toBe(1);
    expect(sample(body, 'probity_graphql_errors_total', { code: 'OTHER' })).toBe(1);
    expect(sample(body, 'probity_graphql_operation_duration_seconds_count', { operation: 'other', type: 'unknown' })).toBe(50);
    expect(sample(body, 'probity_graphql_operation_duration_seconds_count', { operation: 'op249' })).toBeUndefined();
  });
});
