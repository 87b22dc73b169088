// Tenant isolation through every GraphQL path, and role checks per field and mutation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let a: TenantWithKeys;
let b: TenantWithKeys;
let aExposureId: string;
let aObligorId: string;

beforeAll(async () => {
  h = await startHarness();
  [a, b] = await Promise.all([tenantWithKeys(h.db, 'gql-a', 12), tenantWithKeys(h.db, 'gql-b', 3)]);
  const res = await h.call<{ portfolio: { exposures: { nodes: { id: string; obligor: { id: string } }[] } } }>(
    'query($id: ID!) { portfolio(id: $id) { exposures(first: 1) { nodes { id obligor { id } } } } }',
    { id: a.portfolioId },
    a.keys.read,
  );
  aExposureId = res.body.data!.portfolio.exposures.nodes[0]!.id;
  aObligorId = res.body.data!.portfolio.exposures.nodes[0]!.obligor.id;
});
afterAll(async () => h.close());

describe('tenant isolation', () => {
  it('answers another organization ids exactly like missing ones', async () => {
    const query =
      'query($p: ID!, $o: ID!, $e: ID!) { portfolio(id: $p) { id } obligor(id: $o) { id } exposure(id: $e) { id } portfolioSnapshots(portfolioId: $p) { totalCount nodes { id } } }';
    const foreign = await h.call(query, { p: a.portfolioId, o: aObligorId, e: aExposureId }, b.keys.admin);
    const missing = await h.call(
      query,
      { p: '00000000-0000-4000-8000-000000000001', o: '00000000-0000-4000-8000-000000000002', e: 'not-even-a-uuid' },
      b.keys.admin,
    );
    expect(foreign.body).toEqual({
      data: { portfolio: null, obligor: null, exposure: null, portfolioSnapshots: { totalCount: 0, nodes: [] } },
    });
    expect(missing.body).toEqual(foreign.body);
  });

  it('lists only the caller organization portfolios, keys and audit entries', async () => {
    const res = await h.call<{
      portfolios: { nodes: { id: string }[] };
      apiKeys: { nodes: { prefix: string }[] };
      organization: { id: string };
    }>('{ portfolios { nodes { id } } apiKeys { nodes { prefix } } organization { id } }', {}, b.keys.admin);
    expect(res.body.data!.portfolios.nodes.map((p) => p.id)).toEqual([b.portfolioId]);
    expect(res.body.data!.organization.id).toBe(b.organizationId);
    expect(res.body.data!.apiKeys.nodes.map((k) => k.prefix).sort()).toEqual(
      [b.keys.read, b.keys.write, b.keys.admin].map((k) => k.slice(0, 11)).sort(),
    );
  });

  it('keeps nested fields inside the tenant (obligor exposures, top obligors)', async () => {
    const res = await h.call<{
      portfolio: { summary: { topObligors: { obligor: { exposures: { nodes: { id: string; portfolio: { id: string } }[] } } }[] } };
    }>(
      'query($id: ID!) { portfolio(id: $id) { summary { topObligors(limit: 50) { obligor { exposures { nodes { id portfolio { id } } } } } } } }',
      { id: b.portfolioId },
      b.keys.read,
    );
    const portfolios = res.body.data!.portfolio.summary.topObligors.flatMap((t) => t.obligor.exposures.nodes.map((e) => e.portfolio.id));
    expect(new Set(portfolios)).toEqual(new Set([b.portfolioId]));
  });

  it('refuses mutations on another organization rows with NOT_FOUND, like a missing id', async () => {
    const mutation = 'mutation($id: ID!) { updateExposure(id: $id, input: { daysPastDue: 1 }) { id } }';
    const foreign = await h.call(mutation, { id: aExposureId }, b.keys.admin);
    const missing = await h.call(mutation, { id: '00000000-0000-4000-8000-000000000003' }, b.keys.admin);
    expect(foreign.body.errors?.[0]).toMatchObject({ message: 'Exposure not found', extensions: { code: 'NOT_FOUND' } });
    expect(foreign.body.errors?.[0]?.message).toBe(missing.body.errors?.[0]?.message);
    const revoke = await h.call(
      'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
      { id: '00000000-0000-4000-8000-000000000004' },
      b.keys.admin,
    );
    expect(revoke.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('roles', () => {
  const update = 'mutation($id: ID!) { updateExposure(id: $id, input: { daysPastDue: 15 }) { daysPastDue } }';

  it('lets VIEWER read but not edit exposures', async () => {
    const viewer = await a.token('VIEWER');
    expect((await h.call('{ portfolios { totalCount } }', {}, viewer)).body.data).toEqual({ portfolios: { totalCount: 1 } });
    const res = await h.call(update, { id: aExposureId }, viewer);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets ANALYST (and a WRITE key) edit exposures, and records who did it', async () => {
    const analyst = await h.call<{ updateExposure: { daysPastDue: number } }>(update, { id: aExposureId }, await a.token('ANALYST'));
    expect(analyst.body.data?.updateExposure.daysPastDue).toBe(15);
    const key = await h.call(update, { id: aExposureId }, a.keys.write);
    expect(key.body.errors).toBeUndefined();
    const log = await h.call<{ auditLog: { nodes: { action: string; actor: { kind: string; name: string } }[] } }>(
      'query($id: ID!) { auditLog(first: 2, filter: { entityId: $id }) { nodes { action actor { kind name } } } }',
      { id: aExposureId },
      await a.token('RISK_OFFICER'),
    );
    expect(log.body.data!.auditLog.nodes.map((n) => n.actor.kind)).toEqual(['API_KEY', 'USER']);
    expect(log.body.data!.auditLog.nodes[1]!.actor.name).toContain(a.users.ANALYST.email);
  });

  it('keeps portfolio creation for RISK_OFFICER and up, audit for RISK_OFFICER and up, keys and members for ADMIN', async () => {
    const create = 'mutation($n: String!) { createPortfolio(input: { name: $n, baseCurrency: "eur" }) { name baseCurrency } }';
    expect((await h.call(create, { n: 'By analyst' }, await a.token('ANALYST'))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await h.call(create, { n: 'By officer' }, await a.token('RISK_OFFICER'))).body.data).toEqual({
      createPortfolio: { name: 'By officer', baseCurrency: 'EUR' },
    });
    const duplicate = await h.call(create, { n: 'By officer' }, await a.token('ADMIN'));
    expect(duplicate.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'CONFLICT', field: 'input.name' }));
    expect((await h.call('{ auditLog { totalCount } }', {}, await a.token('ANALYST'))).body.errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    for (const q of ['{ apiKeys { nodes { id } } }', '{ members { nodes { role } } }']) {
      expect((await h.call(q, {}, await a.token('RISK_OFFICER'))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await h.call(q, {}, a.keys.write)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await h.call(q, {}, await a.token('ADMIN'))).body.errors).toBeUndefined();
    }
  });

  it('returns BAD_USER_INPUT naming the field for invalid input', async () => {
    const res = await h.call(
      'mutation($id: ID!) { updateExposure(id: $id, input: { lgd: "1.7" }) { id } }',
      { id: aExposureId },
      a.keys.write,
    );
    expect(res.body.errors?.[0]).toMatchObject({
      message: 'input.lgd: must be at most 1',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.lgd' },
    });
  });
});

describe('API key lifecycle', () => {
  it('shows the secret once; the key works until revoked, then gets UNAUTHENTICATED', async () => {
    const admin = await a.token('ADMIN');
    const created = await h.call<{ createApiKey: { secret: string; apiKey: { id: string; prefix: string; status: string } } }>(
      'mutation { createApiKey(input: { name: "Nightly export", scopes: [READ] }) { secret apiKey { id prefix status } } }',
      {},
      admin,
    );
    const { secret, apiKey } = created.body.data!.createApiKey;
    expect(secret.startsWith(`${apiKey.prefix}_`)).toBe(true);
    expect(apiKey.status).toBe('ACTIVE');
    const listed = await h.call('{ apiKeys { nodes { prefix } } }', {}, admin);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const read = await h.call<{ portfolio: { name: string } }>(
      'query($id: ID!) { portfolio(id: $id) { name } }',
      { id: a.portfolioId },
      secret,
    );
    expect(read.body.data?.portfolio.name).toBe(`Book ${a.slug}`);
    const revoked = await h.call<{ revokeApiKey: { status: string } }>(
      'mutation($id: ID!) { revokeApiKey(id: $id) { status } }',
      { id: apiKey.id },
      admin,
    );
    expect(revoked.body.data?.revokeApiKey.status).toBe('REVOKED');
    const after = await h.call('{ me { name } }', {}, secret);
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
