// Issue 7, L2: every argument of every field of the published schema, given hostile values (NUL bytes,
// huge strings, ids that are not UUIDs, tampered cursors, impossible dates, out-of-range numbers),
// must answer the caller's mistake (BAD_USER_INPUT and the like) or a plain result, never
// INTERNAL_SERVER_ERROR. The walk is generated from apps/api/schema.graphql, so a new field or argument
// is covered the day it is added (a new type with arguments must say how to reach it, below).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

const schema = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

let h: Harness;
let t: TenantWithKeys;
let ids: { portfolio: string; obligor: string; exposure: string };

beforeAll(async () => {
  h = await startHarness();
  t = await tenantWithKeys(h.db, 'hostile', 12);
  const res = await h.call<{ portfolio: { exposures: { nodes: { id: string; obligor: { id: string } }[] } } }>(
    'query($id: ID!) { portfolio(id: $id) { exposures(first: 1) { nodes { id obligor { id } } } } }',
    { id: t.portfolioId },
    t.keys.read,
  );
  const node = res.body.data!.portfolio.exposures.nodes[0]!;
  ids = { portfolio: t.portfolioId, obligor: node.obligor.id, exposure: node.id };
});
afterAll(async () => h.close());

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const UUID = '0190a000-0000-7000-8000-000000000000';
const HOSTILE_STRINGS = [
  'nul\u0000byte',
  'x'.repeat(200_000),
  'not-a-uuid',
  '',
  "'; DROP TABLE exposures; --",
  '\u202e\ud800',
  cursor(['nul\u0000', UUID]),
  cursor(['0000-01-01T00:00:00.000Z', UUID]),
  cursor(['99999999999999999999999999.99999', UUID]),
  cursor(['abc', UUID]),
  cursor([1e308, UUID]),
  cursor([{ a: 1 }, UUID]),
  cursor(['x', 'not-a-uuid']),
  cursor(null),
  '!!!not base64!!!',
];
const HOSTILE_BY_SCALAR: Record<string, unknown[]> = {
  String: HOSTILE_STRINGS,
  ID: HOSTILE_STRINGS,
  Int: [-1, 0, 2_147_483_647, -2_147_483_648, 2 ** 40, 1.5, 'seven'],
  Float: [Number.MAX_VALUE, -1, 'NaN'],
  Boolean: ['yes', 2],
  Decimal: ['1e999', '-0', '99999999999999999999.9999999999', '-99999999999999999999', 'NaN', '0.000000000001', 1e308, 'nul\u0000'],
  Date: ['0000-01-01', '2026-02-31', '9999-12-31', '1900-01-01', '2026-1-1', 'nul\u0000'],
  DateTime: ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-02-31T00:00:00Z', 'yesterday', '-271821-04-20T00:00:00Z'],
  JSON: [{ a: '\u0000' }, 'x'.repeat(10_000)],
};

/** A valid value for a required argument that is not the one under test. */
function validValue(arg: GraphQLArgument | { name: string; type: GraphQLInputType }): unknown {
  const named = getNamedType(arg.type);
  if (arg.name === 'id' || arg.name === 'portfolioId') return ids.portfolio;
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, isListType(getNamedType(field.type)) ? [] : validValue(field)]),
    );
  }
  if (named.name === 'Int') return 1;
  if (named.name === 'Boolean') return true;
  return 'valid';
}

/** Hostile values for an argument's type: scalars directly, and each field of an input object in turn. */
function hostileValues(type: GraphQLInputType): unknown[] {
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) return hostileValues(nullable.ofType).map((value) => [value]);
  const named = getNamedType(type);
  if (isScalarType(named)) return HOSTILE_BY_SCALAR[named.name] ?? HOSTILE_STRINGS;
  if (isEnumType(named)) return ['NOT_A_VALUE', 'admin', 7];
  if (isInputObjectType(named)) {
    const base = validValue({ name: '', type: named });
    return Object.values(named.getFields()).flatMap((field) =>
      hostileValues(field.type).map((value) => ({ ...(base as object), [field.name]: value })),
    );
  }
  return [];
}

// How to reach each object type that has fields with arguments (the walk fails for a type not listed).
const REACH: Record<string, (selection: string) => string> = {
  Query: (s) => s,
  Mutation: (s) => s,
  Portfolio: (s) => `portfolio(id: "${ids.portfolio}") { ${s} }`,
  PortfolioSummary: (s) => `portfolio(id: "${ids.portfolio}") { summary { ${s} } }`,
  Obligor: (s) => `obligor(id: "${ids.obligor}") { ${s} }`,
  Exposure: (s) => `exposure(id: "${ids.exposure}") { ${s} }`,
  // Through the portfolio's list: its argument values are validated even while the list is empty.
  RiskSimulation: (s) => `portfolio(id: "${ids.portfolio}") { riskSimulations(first: 1) { ${s} } }`,
};

function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return '';
  const fields = type.getFields();
  if ('totalCount' in fields) return '{ totalCount }';
  const scalar = Object.values(fields).find((f) => f.args.length === 0 && !isObjectType(getNamedType(f.type)));
  return `{ ${scalar ? scalar.name : '__typename'} }`;
}

interface Probe {
  label: string;
  query: string;
  variables: Record<string, unknown>;
}

function probes(): Probe[] {
  const out: Probe[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const reach = REACH[type.name];
      if (!reach) throw new Error(`hostile-arguments: say how to reach ${type.name} (it has ${field.name} with arguments)`);
      const operation = type.name === 'Mutation' ? 'mutation' : 'query';
      for (const arg of field.args) {
        for (const value of hostileValues(arg.type)) {
          const others = field.args.filter((other) => other !== arg && isNonNullType(other.type));
          const declared = [arg, ...others].map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
          const passed = [arg, ...others].map((a) => `${a.name}: $${a.name}`).join(', ');
          out.push({
            label: `${type.name}.${field.name}(${arg.name}: ${JSON.stringify(value)?.slice(0, 60)})`,
            query: `${operation}(${declared}) { ${reach(`${field.name}(${passed}) ${selectionOf(field)}`)} }`,
            variables: Object.fromEntries([[arg.name, value], ...others.map((a): [string, unknown] => [a.name, validValue(a)])]),
          });
        }
      }
    }
  }
  // Tampered cursors against every order of the exposure table (the cursor's value must fit the sort field).
  const sortField = schema.getType('ExposureSortField');
  if (isEnumType(sortField)) {
    for (const field of sortField.getValues().map((v) => v.name)) {
      for (const after of HOSTILE_STRINGS.filter((s) => s.length < 200)) {
        for (const direction of ['ASC', 'DESC']) {
          out.push({
            label: `exposures(orderBy: ${field} ${direction}, after: ${after.slice(0, 40)})`,
            query: `query($after: String, $order: ExposureOrder) { portfolio(id: "${ids.portfolio}") { exposures(first: 2, after: $after, orderBy: $order) { totalCount } } }`,
            variables: { after, order: { field, direction } },
          });
          out.push({
            label: `exposures(orderBy: ${field} ${direction}, before: ${after.slice(0, 40)})`,
            query: `query($before: String, $order: ExposureOrder) { portfolio(id: "${ids.portfolio}") { exposures(last: 2, before: $before, orderBy: $order) { totalCount } } }`,
            variables: { before: after, order: { field, direction } },
          });
        }
      }
    }
  }
  return out;
}

describe('hostile values in every argument of the schema', () => {
  it('never answers INTERNAL_SERVER_ERROR', async () => {
    const all = probes();
    expect(all.length).toBeGreaterThan(500);
    const internal: string[] = [];
    // A few at a time: quick, without starving the machine.
    for (let i = 0; i < all.length; i += 8) {
      await Promise.all(
        all.slice(i, i + 8).map(async (probe) => {
          const res = await h.call(probe.query, probe.variables, t.keys.admin);
          if (res.status >= 500 || res.body.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) {
            internal.push(`${probe.label}: ${res.status} ${res.body.errors?.map((e) => e.message).join('; ')}`);
          }
        }),
      );
    }
    expect(internal).toEqual([]);
  }, 600_000);

  it('answers a subscription operation as the caller mistake it is', async () => {
    const res = await h.call('subscription { ok }', {}, t.keys.read);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    expect(res.body.errors?.[0]?.message).toMatch(/subscription/i);
  });
});
