// The binary COPY writer against a real PostgreSQL: every kind of value the scores' write sends comes
// back as sent (doubles bit for bit, NaN and -0 included), and a malformed uuid or day is refused
// before anything reaches the server.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { BytePool } from './byte-pool.ts';
import { CopyBinaryReader, CopyBinaryWriter, Float64Slab, copyBinaryIn, copyBinaryOut, uuidMemo } from './copy-binary.ts';

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  await client.query(
    `CREATE TEMP TABLE copy_binary_probe (n int, id uuid, day date, code char(4), label text, x float8, names text[], xs float8[])`,
  );
});

afterAll(async () => {
  await client.end();
});

const bits = (x: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(x);
  return b.toString('hex');
};

describe('CopyBinaryWriter', () => {
  it('writes smallint arrays (reason codes) that read back exactly, from typed and plain arrays', async () => {
    await client.query('CREATE TEMP TABLE copy_binary_codes (n int, codes smallint[])');
    const rows = [Int32Array.from([0, 1, 32_767]), [], [-32_768, 5], new Int32Array([7, 3, 9, 1, 2]).subarray(1, 4)];
    const writer = new CopyBinaryWriter(4);
    rows.forEach((codes, n) => writer.row(2).int4(n).int2Array(codes));
    await copyBinaryIn(client, 'copy_binary_codes (n, codes)', writer.finish());
    const back = await client.query<{ codes: number[] }>('SELECT codes FROM copy_binary_codes ORDER BY n');
    expect(back.rows.map((r) => r.codes)).toEqual(rows.map((codes) => [...codes]));
  });

  it('writes ints, uuids, days, text, doubles and arrays that read back exactly', async () => {
    const rows = [
      {
        id: '0193c1a2-0000-7000-8000-00000000abcd',
        day: '2026-11-30',
        code: 'ab12',
        label: 'B+',
        x: 0.1 + 0.2,
        names: ['PAY_0', 'Ümlaut "q"\\\t,{}'],
        xs: [1e-300, -0, 5e-324],
      },
      { id: 'FFFFFFFF-FFFF-7FFF-BFFF-FFFFFFFFFFFF', day: '1999-12-31', code: 'zzzz', label: '', x: Number.NaN, names: [], xs: [] },
      {
        id: '00000000-0000-0000-0000-000000000000',
        day: '2000-01-01',
        code: '0000',
        label: 'tab\there',
        x: -0,
        names: ['a'],
        xs: [Infinity, Number.NaN],
      },
    ];
    const writer = new CopyBinaryWriter(8); // tiny on purpose: the buffer grows mid-row
    rows.forEach((r, n) =>
      writer.row(8).int4(n).uuid(r.id).date(r.day).text(r.code).text(r.label).float8(r.x).textArray(r.names).float8Array(r.xs),
    );
    await copyBinaryIn(client, 'copy_binary_probe (n, id, day, code, label, x, names, xs)', writer.finish());
    const back = await client.query<{ id: string; day: string; code: string; label: string; x: string; names: string[]; xs: string[] }>(
      `SELECT id::text, day::text, code, label, float8send(x)::text AS x, names,
              ARRAY(SELECT float8send(v)::text FROM unnest(xs) v) AS xs FROM copy_binary_probe ORDER BY n`,
    );
    expect(back.rows.map((r) => r.id)).toEqual(rows.map((r) => r.id.toLowerCase()));
    expect(back.rows.map((r) => r.day)).toEqual(rows.map((r) => r.day));
    expect(back.rows.map((r) => r.code)).toEqual(rows.map((r) => r.code));
    expect(back.rows.map((r) => r.label)).toEqual(rows.map((r) => r.label));
    expect(back.rows.map((r) => r.names)).toEqual(rows.map((r) => r.names));
    // PostgreSQL has one NaN; everything else must keep its exact bits (sign of zero included).
    const pgBits = (x: number) => (Number.isNaN(x) ? '\\x7ff8000000000000' : `\\x${bits(x)}`);
    expect(back.rows.map((r) => r.x)).toEqual(rows.map((r) => pgBits(r.x)));
    expect(back.rows.map((r) => r.xs)).toEqual(rows.map((r) => r.xs.map(pgBits)));
  });

  it('copies fields encoded once into every row as they are', async () => {
    const constant = new CopyBinaryWriter(8).uuid('0193c1a2-0000-7000-8000-00000000abcd').date('2026-11-30').encoded();
    const writer = new CopyBinaryWriter(8);
    for (const n of [10, 11])
      writer
        .row(8)
        .int4(n)
        .raw(constant)
        .text('c')
        .text('l')
        .float8(n / 4)
        .textArray(['x'])
        .float8Array([n]);
    await copyBinaryIn(client, 'copy_binary_probe (n, id, day, code, label, x, names, xs)', writer.finish());
    const back = await client.query('SELECT n, id::text, day::text, x, xs FROM copy_binary_probe WHERE n >= 10 ORDER BY n');
    expect(back.rows).toEqual([
      { n: 10, id: '0193c1a2-0000-7000-8000-00000000abcd', day: '2026-11-30', x: 2.5, xs: [10] },
      { n: 11, id: '0193c1a2-0000-7000-8000-00000000abcd', day: '2026-11-30', x: 2.75, xs: [11] },
    ]);
  });

  it('writes a digest as its bytes (a score input hash), taken from its place among a batch of them', async () => {
    await client.query('CREATE TEMP TABLE copy_binary_digest (n int, digest bytea)');
    const digests = Buffer.from('00ff10ab' + 'c'.repeat(56) + '11'.repeat(32), 'hex');
    const writer = new CopyBinaryWriter(8);
    writer.row(2).int4(1).bytes(digests, 0, 32);
    writer.row(2).int4(2).bytes(digests, 32, 32);
    writer.row(2).int4(3).bytes(digests, 0, 0);
    await copyBinaryIn(client, 'copy_binary_digest (n, digest)', writer.finish());
    const back = await client.query(
      "SELECT octet_length(digest) AS bytes, encode(digest, 'hex') AS hex FROM copy_binary_digest ORDER BY n",
    );
    expect(back.rows).toEqual([
      { bytes: 32, hex: '00ff10ab' + 'c'.repeat(56) },
      { bytes: 32, hex: '11'.repeat(32) },
      { bytes: 0, hex: '' },
    ]);
  });

  it("writes a slice of a longer array as the array (a score's reasons among the batch's)", async () => {
    await client.query('CREATE TEMP TABLE copy_binary_slices (n int, codes smallint[], shares float8[])');
    const codes = Int32Array.from([3, 1, 4, 1, 5, 9]);
    const shares = Float64Array.from([0.3, 0.1, 0.4, 0.1, 0.5, 0.9]);
    const writer = new CopyBinaryWriter(8);
    writer.row(3).int4(1).int2Array(codes, 2, 3).float8Array(shares, 2, 3);
    writer.row(3).int4(2).int2Array(codes, 6, 0).float8Array(shares, 6, 0);
    writer.row(3).int4(3).int2Array(codes).float8Array(shares);
    await copyBinaryIn(client, 'copy_binary_slices (n, codes, shares)', writer.finish());
    const back = await client.query('SELECT codes, shares FROM copy_binary_slices ORDER BY n');
    expect(back.rows).toEqual([
      { codes: [4, 1, 5], shares: [0.4, 0.1, 0.5] },
      { codes: [], shares: [] },
      { codes: [3, 1, 4, 1, 5, 9], shares: [0.3, 0.1, 0.4, 0.1, 0.5, 0.9] },
    ]);
  });

  it('refuses a malformed uuid or day, naming it', () => {
    const writer = new CopyBinaryWriter();
    writer.row(1);
    expect(() => writer.uuid('0193c1a2-0000-7000-8000-00000000abc')).toThrow(/not a UUID: 0193c1a2-0000-7000-8000-00000000abc$/);
    expect(() => writer.uuid('0193c1a2-0000-7000-8000-00000000abcg')).toThrow(/not a UUID/);
    expect(() => writer.uuid('0193c1a2-0000-7000-8000-00000000abcde')).toThrow(/not a UUID/);
    expect(() => writer.uuid('0193c1a2-0000-7000-8000-00000000abc\u0130')).toThrow(/not a UUID/);
    expect(() => writer.uuid('0193c1a20-000-7000-8000-00000000abcd')).toThrow(/not a UUID/);
    expect(() => writer.date('2026-13-01')).toThrow(/not a YYYY-MM-DD day: 2026-13-01/);
    expect(() => writer.date('2026-1-01')).toThrow(/not a YYYY-MM-DD day/);
  });

  it('reads uuids, text, doubles and float8[] (NULL elements as NaN) back from a binary COPY out', async () => {
    const reader = new CopyBinaryReader(
      await copyBinaryOut(
        client,
        `SELECT * FROM (VALUES
           ('0193c1a2-0000-7000-8000-00000000abcd'::uuid, 'Ümlaut'::text, 0.1::float8 + 0.2::float8, ARRAY[1e-300, '-0', NULL, 'NaN', 5e-324]::float8[]),
           (NULL, NULL, NULL, NULL),
           ('ffffffff-ffff-7fff-bfff-ffffffffffff', '', '-Infinity', '{}'::float8[])) t(a, b, c, d)`,
      ),
    );
    const rows: unknown[][] = [];
    for (let n = reader.row(); n >= 0; n = reader.row()) rows.push([reader.uuid(), reader.text(), reader.float8(), reader.float8Array()]);
    expect(rows).toEqual([
      ['0193c1a2-0000-7000-8000-00000000abcd', 'Ümlaut', 0.1 + 0.2, new Float64Array([1e-300, -0, Number.NaN, Number.NaN, 5e-324])],
      [null, null, null, null],
      ['ffffffff-ffff-7fff-bfff-ffffffffffff', '', -Infinity, new Float64Array([])],
    ]);
    expect(Object.is((rows[0]![3] as Float64Array)[1], -0)).toBe(true);
    expect(() => new CopyBinaryReader(Buffer.from('1\t2\n'))).toThrow(/not a binary COPY stream/);
  });

  it('reads float8[] into views of a slab: the same values, no two views sharing an element, chunks as large as an array needs', async () => {
    const reader = new CopyBinaryReader(
      await copyBinaryOut(
        client,
        `SELECT * FROM (VALUES (ARRAY[1, 2, 3]::float8[]), (ARRAY[4, NULL]::float8[]), (NULL), ('{}'::float8[]), (ARRAY[5, 6, 7, 8]::float8[])) t(a)`,
      ),
    );
    const slab = new Float64Slab(4); // chunks of four values: the second array fits, the last one needs a new chunk
    const read: (Float64Array | null)[] = [];
    for (let n = reader.row(); n >= 0; n = reader.row()) read.push(reader.float8Array(slab));
    expect(read).toEqual([
      new Float64Array([1, 2, 3]),
      new Float64Array([4, Number.NaN]),
      null,
      new Float64Array([]),
      new Float64Array([5, 6, 7, 8]),
    ]);
    // Writing every element of every view leaves the others as they were: no overlap.
    const views = read.filter((v): v is Float64Array => v !== null);
    views.forEach((v, i) => v.fill(100 + i));
    expect(views.map((v) => [...v])).toEqual([[100, 100, 100], [101, 101], [], [103, 103, 103, 103]]);
    expect(new Float64Slab(2).take(5)).toHaveLength(5); // larger than a chunk: a chunk of its own
  });

  it("reuses a pool's memory from batch to batch with nothing of the last batch showing through", async () => {
    // Arrays far larger than these streams, passed from writer to reader to slab and back: a stale byte would show.
    const pool = new BytePool(2);
    await client.query('CREATE TEMP TABLE copy_binary_pooled (n int, xs float8[])');
    const write = async (rows: number[][]) => {
      const writer = new CopyBinaryWriter(8, pool); // tiny: grows (and gives its first array back) mid-stream
      rows.forEach((xs, n) => writer.row(2).int4(n).float8Array(Float64Array.from(xs)));
      await copyBinaryIn(client, 'copy_binary_pooled (n, xs)', writer.finish());
      writer.release();
    };
    const read = async () => {
      const stream = await copyBinaryOut(client, 'SELECT xs FROM copy_binary_pooled ORDER BY n', pool);
      const reader = new CopyBinaryReader(stream);
      const slab = new Float64Slab(4, pool);
      const out: number[][] = [];
      for (let n = reader.row(); n >= 0; n = reader.row()) out.push([...reader.float8Array(slab)!]);
      slab.release();
      pool.give(stream.buffer);
      return out;
    };
    await write([
      [1, 2, 3, 4, 5, 6],
      [7, 8, 9],
    ]);
    expect(await read()).toEqual([
      [1, 2, 3, 4, 5, 6],
      [7, 8, 9],
    ]);
    await client.query('TRUNCATE copy_binary_pooled');
    await write([[10], [11, Number.NaN]]);
    expect(await read()).toEqual([[10], [11, Number.NaN]]);
    expect(await client.query('SELECT count(*)::int AS n FROM copy_binary_pooled')).toMatchObject({ rows: [{ n: 2 }] });
  });

  it('reads a repeating uuid column as the same string while it repeats, and every change and NULL as it is', async () => {
    const a = '0193c1a2-0000-7000-8000-00000000abcd';
    const b = 'ffffffff-ffff-7fff-bfff-ffffffffffff';
    const reader = new CopyBinaryReader(
      await copyBinaryOut(
        client,
        `SELECT u::uuid, v::uuid FROM unnest(ARRAY['${a}', '${a}', NULL, '${a}', '${b}', '${b}', '${a}']::text[], ARRAY['${b}', '${a}', '${b}', NULL, '${b}', '${b}', '${a}']::text[]) t(u, v)`,
      ),
    );
    const [first, second] = [uuidMemo(), uuidMemo()];
    const got: (string | null)[][] = [];
    for (let n = reader.row(); n >= 0; n = reader.row()) got.push([reader.uuidRepeated(first), reader.uuidRepeated(second)]);
    expect(got).toEqual([
      [a, b],
      [a, a],
      [null, b],
      [a, null],
      [b, b],
      [b, b],
      [a, a],
    ]);
    expect(Object.is(got[0]![0], got[1]![0])).toBe(true);
  });
});
