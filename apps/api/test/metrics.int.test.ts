// A sample scrape of the API's /metrics after real traffic: request and operation latency histograms,
// errors by public code, the database pool, credential lookups; and the optional scrape token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const line = text
    .split('\n')
    .find(
      (l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
    );
  if (line === undefined) throw new Error(`no sample ${name} ${JSON.stringify(labels)} in:\n${text.slice(0, 3000)}`);
  return Number(line.split(' ').pop());
}

describe('API /metrics', () => {
  let h: Harness;
  let t: TenantWithKeys;

  beforeAll(async () => {
    h = await startHarness();
    t = await tenantWithKeys(h.db, 'metrics');
  });
  afterAll(async () => h.close());

  it('counts requests, operations and errors by code, and reports the pool', async () => {
    for (let i = 0; i < 3; i += 1)
      expect((await h.call('query PortfolioCount { portfolios { totalCount } }', {}, t.keys.read)).status).toBe(200);
    expect((await h.call('{ portfolios { totalCount } }', {}, 'pb_nope_nope')).status).toBe(401);
    const forbidden = await h.call('mutation { createPortfolio(input: { name: "x", baseCurrency: "EUR" }) { id } }', {}, t.keys.read);
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await h.call(
      'query Bad($id: ID!) { portfolio(id: $id) { exposures(first: -1) { totalCount } } }',
      { id: t.portfolioId },
      t.keys.read,
    );
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const response = await fetch(h.api.url.replace('/graphql', '/metrics'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();

    expect(text).toContain('# TYPE probity_http_request_duration_seconds histogram');
    expect(
      sample(text, 'probity_http_request_duration_seconds_count', { route: '/graphql', status: '200', method: 'POST' }),
    ).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'probity_http_request_duration_seconds_count', { route: '/graphql', status: '401' })).toBe(1);
    expect(
      sample(text, 'probity_http_request_duration_seconds_bucket', { route: '/graphql', status: '200', le: '+Inf' }),
    ).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'probity_graphql_operation_duration_seconds_count', { operation: 'PortfolioCount', type: 'query' })).toBe(3);
    expect(sample(text, 'probity_graphql_operation_duration_seconds_count', { operation: 'anonymous', type: 'mutation' })).toBe(1);
    expect(sample(text, 'probity_graphql_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(sample(text, 'probity_graphql_errors_total', { code: 'FORBIDDEN' })).toBe(1);
    expect(sample(text, 'probity_graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBe(1);
    expect(sample(text, 'probity_db_pool_connections', { state: 'max' })).toBe(10);
    expect(sample(text, 'probity_db_pool_connections', { state: 'open' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'probity_db_pool_connections', { state: 'waiting' })).toBe(0);
    const lookups = ['hit', 'miss', 'bypass'].reduce((sum, result) => {
      try {
        return sum + sample(text, 'probity_credential_lookups_total', { result });
      } catch {
        return sum;
      }
    }, 0);
    expect(lookups).toBeGreaterThanOrEqual(5);
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });

  it('asks for the scrape token when one is configured', async () => {
    const guarded = await startHarness({ PROBITY_METRICS_TOKEN: 'scrape-token-0123456789' });
    try {
      const url = guarded.api.url.replace('/graphql', '/metrics');
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer scrape-token-0123456789' } })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
