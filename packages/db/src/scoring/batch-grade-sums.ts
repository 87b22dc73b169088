// A batch's figures per grade, summed while its scores are in memory and stored with the batch, so the
// run's last batch adds up a few hundred small objects instead of joining a million scores with their
// exposures (about 13 s at 1,000,000 exposures, all inside the last batch's transaction). Cents are
// summed as plain numbers while exact, and each score finds its EAD by its row in the read, not a map.
import type pg from 'pg';
import type { BatchScores } from '../domain/scoring.ts';

/** Per grade: [count, EAD (exact decimal string), PD x EAD, PD x LGD x EAD, min PD, max PD]. */
export type GradeSums = Record<string, [number, string, number, number, number, number]>;

/** EAD and LGD of each exposure of the batch by its row in the read (EAD numeric(18,2) as text). */
export interface ExposureMoney {
  ead: readonly string[];
  lgd: ArrayLike<number>;
}

/** numeric(18,2) text ("1234.50", "-3.00") as integer cents: EAD sums stay exact, as SQL's sum(numeric). */
function cents(text: string): bigint {
  const dot = text.indexOf('.');
  if (dot < 0) return BigInt(text) * 100n;
  const fraction = (text.slice(dot + 1) + '00').slice(0, 2);
  const whole = text.slice(0, dot);
  const negative = whole.startsWith('-');
  const value = BigInt(whole === '-' || whole === '' ? '0' : whole) * 100n + BigInt(fraction) * (negative ? -1n : 1n);
  return value;
}

/**
 * The same cents as a plain number when the text is a short plain decimal (at most 13 digits before the
 * point: the cents stay far below 2^53, so exact), else NaN and the caller takes cents(): a BigInt per
 * exposure was most of the batch's figures.
 */
function smallCents(text: string): number {
  let i = 0;
  let sign = 1;
  if (text.charCodeAt(0) === 45) {
    sign = -1;
    i = 1;
  }
  let whole = 0;
  let digits = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
    digits++;
  }
  if (digits === 0 || digits > 13) return Number.NaN;
  let fraction = 0;
  if (i < text.length) {
    if (text.charCodeAt(i) !== 46) return Number.NaN;
    const rest = text.length - i - 1;
    if (rest > 2) return Number.NaN;
    for (let k = 1; k <= 2; k++) {
      const c = k <= rest ? text.charCodeAt(i + k) - 48 : 0;
      if (c < 0 || c > 9) return Number.NaN;
      fraction = fraction * 10 + c;
    }
  }
  return sign * (whole * 100 + fraction);
}

function centsText(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

// Below this a running sum of cents stays exact as a number; past it, it moves into the BigInt.
const SAFE_CENTS = 2 ** 52;

/**
 * The same figures as probity_record_run_grades(), for one batch, score r being for read row rowOf[r]:
 * a score whose PD is NaN adds nothing; PD x EAD and PD x LGD x EAD in float8 as SQL computes them
 * (pd * lgd * ead, left to right).
 */
export function gradeSumsOf(
  scores: Pick<BatchScores, 'count' | 'pd' | 'grade'>,
  rowOf: ArrayLike<number>,
  money: ExposureMoney,
): GradeSums {
  const acc = new Map<string, { n: number; ead: bigint; small: number; pdEad: number; el: number; min: number; max: number }>();
  for (let r = 0; r < scores.count; r++) {
    const pd = scores.pd[r]!;
    if (Number.isNaN(pd)) continue;
    const row = rowOf[r]!;
    const eadText = money.ead[row];
    if (eadText === undefined) throw new Error(`gradeSumsOf: score ${r} names read row ${row}, which the batch has not`);
    const ead = Number(eadText);
    let g = acc.get(scores.grade[r]!);
    if (!g) acc.set(scores.grade[r]!, (g = { n: 0, ead: 0n, small: 0, pdEad: 0, el: 0, min: Infinity, max: -Infinity }));
    g.n += 1;
    const c = smallCents(eadText);
    if (Number.isNaN(c)) g.ead += cents(eadText);
    else {
      g.small += c;
      if (g.small > SAFE_CENTS || g.small < -SAFE_CENTS) {
        g.ead += BigInt(g.small);
        g.small = 0;
      }
    }
    g.pdEad += pd * ead;
    g.el += pd * money.lgd[row]! * ead;
    if (pd < g.min) g.min = pd;
    if (pd > g.max) g.max = pd;
  }
  const out: GradeSums = {};
  for (const [grade, g] of acc) out[grade] = [g.n, centsText(g.ead + BigInt(g.small)), g.pdEad, g.el, g.min, g.max];
  return out;
}

/**
 * The run's figures per grade from its batches' sums (called by the last batch, after every other batch
 * has committed). A batch written before grade_sums existed has none: then the run is summed from its
 * scores as before.
 */
export async function recordRunGrades(client: pg.ClientBase, runId: string): Promise<void> {
  const missing = await client.query<{ n: string }>(
    'SELECT count(*) AS n FROM scoring_batches WHERE run_id = $1 AND done_at IS NOT NULL AND grade_sums IS NULL',
    [runId],
  );
  if (Number(missing.rows[0]!.n) > 0) {
    await client.query('SELECT probity_record_run_grades($1::uuid)', [runId]);
    return;
  }
  await client.query(
    `INSERT INTO scoring_run_grades (run_id, grade, organization_id, exposure_count, ead, pd_ead, expected_loss, min_pd, max_pd)
     SELECT b.run_id, g.key, b.organization_id, sum((g.value->>0)::int)::int, sum((g.value->>1)::numeric), sum((g.value->>2)::float8),
            sum((g.value->>3)::float8), min((g.value->>4)::float8), max((g.value->>5)::float8)
       FROM scoring_batches b, jsonb_each(b.grade_sums) g
      WHERE b.run_id = $1
      GROUP BY b.run_id, g.key, b.organization_id
     ON CONFLICT (run_id, grade) DO NOTHING`,
    [runId],
  );
}
