// Moves the staged obligors and exposures (stage_obligors, stage_exposures: see bulk-load.ts) into
// the tenant tables, in the caller's transaction. Two ways, the same rows and figures:
// - through the triggers (any connection): every inserted exposure is checked against its three
//   foreign keys one by one, and the statement triggers keep the figures and the data version;
// - set-based, when the connection may switch triggers off (session_replication_role: superusers,
//   or a role granted SET on it) and the insert triggers are exactly the ones this file replaces.
//   The foreign keys hold by construction (exposures join their obligors; the portfolio is checked
//   and locked once), the obligor's fields and the default date are set in the INSERT, and the
//   figures and data version move once for the whole load. At a million rows this saves the
//   three million key checks and the copy of the load into the triggers' transition tables; the
//   running totals are added with the triggers still off, which saves a million more key checks
//   (each per-obligor total's on its portfolio), so the totals' tables must have no triggers of their own.
//   Obligors go in by a plain INSERT when the organization holds none yet (no anti-join), by the
//   anti-join otherwise; either falls back to ON CONFLICT when a reference comes twice.
import type pg from 'pg';
import { insertSkippingExisting, type SkipExisting } from './insert-skipping-existing.ts';
import { insertObligorsWithIndexRebuilt } from './obligors-index-rebuilt.ts';
import { analyzeWhereStale } from './stale-statistics.ts';
import {
  portfolioHoldsNoExposures,
  insertIntoEmptyOrganization,
  UNIQUE_INDEX,
  withUniqueIndexRebuilt,
  withoutCapturingTriggers,
} from './insert-into-empty.ts';

/** The insert triggers on obligors and exposures whose work the set-based path does itself (the totals' tables have none). */
export const REPLACED_INSERT_TRIGGERS = [
  'exposures.exposures_bump_version_insert', // data version: one UPDATE of the portfolio
  'exposures.exposures_copy_obligor_insert', // obligor fields: the join below
  'exposures.exposures_defaulted_on_insert', // default date: the CASE below
  'exposures.exposures_figures_insert', // running totals: probity_portfolio_figures_add_rows
];

/**
 * The triggers the set-based path would skip: those firing on INSERT on obligors and exposures, and
 * any of the running totals' tables (written with the triggers off too).
 */
export const SKIPPED_TRIGGERS_SQL = `
  SELECT t.tgrelid::regclass::text || '.' || t.tgname AS name FROM pg_trigger t
   WHERE NOT t.tgisinternal AND t.tgenabled <> 'D'
     AND ((t.tgrelid IN ('exposures'::regclass, 'obligors'::regclass) AND (t.tgtype & 4) <> 0) -- fires on INSERT
          OR t.tgrelid IN ('portfolio_figures'::regclass, 'portfolio_obligor_figures'::regclass))`;

// has_parameter_privilege: PostgreSQL 15 or later (the local server is 15, the embedded one 18).
async function canInsertSetBased(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ allowed: boolean; triggers: string[] }>(
    `SELECT has_parameter_privilege(current_user, 'session_replication_role', 'SET') AS allowed,
            ARRAY(${SKIPPED_TRIGGERS_SQL}) AS triggers`,
  );
  const row = rows[0]!;
  // A trigger added later (or one removed) sends loads back through the triggers until this file knows it.
  return row.allowed && [...row.triggers].sort().join() === [...REPLACED_INSERT_TRIGGERS].sort().join();
}

const insertObligors = (skip: SkipExisting | 'none') => `
  INSERT INTO obligors (id, organization_id, external_id, name, segment, sector, country, updated_at)
  SELECT s.id, $1, s.external_id, s.name, s.segment::"Segment", s.sector, s.country, now()
    FROM stage_obligors s
  ${
    skip === 'none'
      ? ''
      : skip === 'anti-join'
        ? 'WHERE NOT EXISTS (SELECT 1 FROM obligors x WHERE x.organization_id = $1 AND x.external_id = s.external_id)'
        : 'ON CONFLICT (organization_id, external_id) DO NOTHING'
  }`;

// The obligor's fields are copied onto the exposure in the join, not row by row by the
// exposures_copy_obligor_insert trigger.
const exposuresSelect = (defaultedOn: string, skip: SkipExisting | 'none' = 'on-conflict') => `
  INSERT INTO exposures (id, organization_id, portfolio_id, obligor_id, external_id, product, currency, ead, "limit", lgd,
                         maturity_date, origination_date, collateral_value, days_past_due, status, updated_at,
                         obligor_name, obligor_external_id, obligor_segment, obligor_sector, obligor_country${defaultedOn ? ', defaulted_on' : ''})
  SELECT s.id, $1, $2, o.id, s.external_id, s.product, s.currency, s.ead, s."limit", s.lgd,
         s.maturity_date, s.origination_date, s.collateral_value, s.days_past_due, s.status::"ExposureStatus", now(),
         o.name, o.external_id, o.segment, o.sector, o.country${defaultedOn ? `, ${defaultedOn}` : ''}
    FROM stage_exposures s JOIN obligors o ON o.organization_id = $1 AND o.external_id = s.obligor_external_id
  ${
    skip === 'none'
      ? ''
      : skip === 'anti-join'
        ? 'WHERE NOT EXISTS (SELECT 1 FROM exposures x WHERE x.organization_id = $1 AND x.external_id = s.external_id)'
        : 'ON CONFLICT (organization_id, external_id) DO NOTHING'
  }`;
const DEFAULTED_ON = `CASE WHEN s.status = 'DEFAULTED' THEN current_date END`;

/** What the load does once the exposures are staged (see LoadOptions in bulk-load.ts). */
export interface StagedPlan {
  /** The exposures' secondary indexes are dropped by `dropIndexes` and built after the insert: this transaction holds `exposures` alone. */
  rebuildingIndexes: boolean;
  /** The obligors go in with their unique index rebuilt (see obligors-index-rebuilt.ts), the exposures' indexes dropped before them. */
  rebuildingObligorIndex: boolean;
}

/**
 * Returns the number of exposures inserted. `setBased: false` forces the trigger path. `exposuresStaged`
 * resolves once stage_exposures holds every row, with the plan for them. `obligorsFirst`: the
 * exposures are still being staged (on another connection: exposures-staged-aside.ts), and the
 * obligors go in meanwhile with their unique index rebuilt, before the plan is known; where that
 * cannot be done (`obligors` not free in a moment, a reference given twice, triggers on) they go in
 * as without it, once the exposures are staged.
 */
export async function insertStaged(
  client: pg.ClientBase,
  organizationId: string,
  portfolioId: string,
  hooks: {
    setBased: boolean;
    exposuresStaged: () => Promise<StagedPlan>;
    obligorsFirst?: boolean;
    dropIndexes: () => Promise<void>;
  },
): Promise<number> {
  // Every way below joins the staged rows with the organization's stored ones.
  for (const table of ['obligors', 'exposures'] as const) await analyzeWhereStale(client, table, organizationId);
  if (!hooks.setBased || !(await canInsertSetBased(client))) {
    await hooks.exposuresStaged();
    await client.query(insertObligors('on-conflict'), [organizationId]);
    await hooks.dropIndexes();
    return (await client.query(exposuresSelect(''), [organizationId, portfolioId])).rowCount ?? 0;
  }

  // The portfolio must be the organization's; locking it keeps it (and so the organization) from
  // being deleted before this transaction ends: the key checks the triggers would have made. The lock
  // is the one its data version's update takes (below), taken first: a writer through the triggers
  // takes it first too (the version trigger fires before the totals'), so the two never hold one of
  // the portfolio's rows each while waiting for the other's (its totals' rows).
  const portfolio = await client.query('SELECT 1 FROM portfolios WHERE id = $1 AND organization_id = $2 FOR NO KEY UPDATE', [
    portfolioId,
    organizationId,
  ]);
  if (portfolio.rowCount !== 1)
    throw new Error(`loadPortfolio: portfolioId ${portfolioId} is not a portfolio of organization ${organizationId}`);
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS stage_inserted (portfolio_id uuid, organization_id uuid, obligor_id uuid, obligor_segment "Segment",
       obligor_sector text, status "ExposureStatus", ead numeric, "limit" numeric, lgd numeric) ON COMMIT DROP`,
  );
  await client.query('TRUNCATE stage_inserted');
  let count: number;
  let plan: StagedPlan;
  // Triggers off for the two INSERTs only.
  await client.query(`SELECT set_config('session_replication_role', 'replica', true)`);
  try {
    // An organization with no obligors yet has nothing for the anti-join to find (a million probes at a
    // million rows): a plain INSERT, which a reference given twice sends to ON CONFLICT as the anti-join's would.
    const noObligors = (
      await client.query<{ none: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM obligors WHERE organization_id = $1) AS none', [
        organizationId,
      ])
    ).rows[0]!.none;
    const insertObligorsRebuilt = () =>
      insertObligorsWithIndexRebuilt(client, () => client.query(insertObligors(noObligors ? 'none' : 'anti-join'), [organizationId]));
    // With `obligors` held in ACCESS EXCLUSIVE mode, no stored obligor can go before this commits.
    let obligorsIn = hooks.obligorsFirst === true && (await insertObligorsRebuilt());
    plan = await hooks.exposuresStaged();
    if (obligorsIn) await hooks.dropIndexes();
    else {
      // Obligors stored before this load that the new exposures will reference: locked like a key check would.
      // Found by a join (PostgreSQL hashes the smaller side: a new book's million references are probed
      // against the organization's stored obligors), not `external_id IN (references)`, which made every
      // reference distinct and probed the unique index with each: 1.9 s at a million beside 100,000 stored, 0.35 s so.
      await client.query(
        `SELECT count(*) FROM (SELECT 1 FROM obligors o
                                WHERE o.organization_id = $1
                                  AND o.id IN (SELECT x.id FROM obligors x JOIN stage_exposures s ON s.obligor_external_id = x.external_id
                                                WHERE x.organization_id = $1)
                                  FOR KEY SHARE OF o) locked`,
        [organizationId],
      );
      // The exposures' indexes are dropped first (locking `exposures`) when the obligors' is to be rebuilt;
      // without it the anti-join hashes the organization's stored references.
      const rebuildObligorIndex = !hooks.obligorsFirst && plan.rebuildingIndexes && plan.rebuildingObligorIndex;
      if (rebuildObligorIndex) await hooks.dropIndexes();
      obligorsIn = rebuildObligorIndex && (await insertObligorsRebuilt());
      if (!obligorsIn)
        await insertSkippingExisting(client, (skip) => insertObligors(skip === 'anti-join' && noObligors ? 'none' : skip), [
          organizationId,
        ]);
      if (!rebuildObligorIndex) await hooks.dropIndexes();
    }
    const holdsNone = plan.rebuildingIndexes && (await portfolioHoldsNoExposures(client, portfolioId));
    const empty = holdsNone
      ? await insertIntoEmptyOrganization(
          client,
          portfolioId,
          async () => (await client.query(exposuresSelect(DEFAULTED_ON, 'none'), [organizationId, portfolioId])).rowCount ?? 0,
        )
      : null;
    if (empty !== null) count = empty;
    else {
      const insertNew = () =>
        insertSkippingExisting(
          client,
          (skip) =>
            `WITH ins AS (${exposuresSelect(DEFAULTED_ON, skip)}
                          RETURNING portfolio_id, organization_id, obligor_id, obligor_segment, obligor_sector, status, ead, "limit", lgd)
             INSERT INTO stage_inserted SELECT * FROM ins`,
          [organizationId, portfolioId],
        );
      // A rebuilding load holds the table locked: its transition table would be filled for triggers that do
      // not fire, and the unique index is built once after the insert, the stored references hashed by the
      // anti-join (insert-into-empty.ts), unless the empty way just found a reference twice.
      const rebuilt =
        plan.rebuildingIndexes && !holdsNone
          ? await withUniqueIndexRebuilt(client, UNIQUE_INDEX, () =>
              withoutCapturingTriggers(client, () =>
                client.query(
                  `WITH ins AS (${exposuresSelect(DEFAULTED_ON, 'anti-join')}
                                RETURNING portfolio_id, organization_id, obligor_id, obligor_segment, obligor_sector, status, ead, "limit", lgd)
                   INSERT INTO stage_inserted SELECT * FROM ins`,
                  [organizationId, portfolioId],
                ),
              ),
            )
          : null;
      const inserted = rebuilt ?? (plan.rebuildingIndexes ? await withoutCapturingTriggers(client, insertNew) : await insertNew());
      count = inserted.rowCount ?? 0;
      if (count > 0) await client.query(`SELECT probity_portfolio_figures_add_rows('stage_inserted'::regclass)`);
    }
  } finally {
    // Everything after, in this function and in the caller's transaction, runs with its triggers: the
    // portfolio's own (its change notification) among them.
    await client.query(`SELECT set_config('session_replication_role', 'origin', true)`).catch(() => {});
  }
  if (count > 0) await client.query('UPDATE portfolios SET data_version = data_version + 1 WHERE id = $1', [portfolioId]);
  return count;
}
