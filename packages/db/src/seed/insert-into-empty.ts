// The exposures of a large load into a portfolio that holds none yet (the seed, a new bank's first
// book, a new book of a bank, the scale benchmark): insert-staged.ts takes this way when the load
// rebuilds the indexes and the triggers are off. With `exposures` locked by the index drops (ACCESS
// EXCLUSIVE, so no other transaction writes it until commit) and no stored exposure in the portfolio:
// - the unique index on (organization_id, external_id) is dropped too and built again after a plain
//   insert: a million inserts into it at random places cost more than one sorted build, and the
//   anti-join that probed it a million times finds nothing in the usual case; a reference stored in
//   another book of the organization (or given twice) makes the build fail, and the load takes the
//   general way, which skips it;
// - every exposure of the portfolio is this load's, so the running totals are added up from the table
//   itself instead of from a million rows returned by the INSERT into a temporary table.
// - the statement triggers that read the inserted rows as a transition table are dropped and created
//   again after the insert: PostgreSQL fills their transition table even when session_replication_role
//   keeps them from firing (a million rows, 220 MB of temporary files, for nothing).
// When the unique index refuses to build, everything here is undone from a savepoint and the caller
// takes the general way (a stored reference is skipped, the first row of a key given twice wins).
// The general way of a large load (a portfolio that holds exposures) rebuilds the unique index
// the same way (withUniqueIndexRebuilt), the stored references hashed by its anti-join. The obligors'
// unique index is rebuilt so only when `obligors` is free within a moment (obligors-index-rebuilt.ts):
// a writer holding it that then waits for `exposures` would deadlock with the load.
import type pg from 'pg';
import { UNIQUE_VIOLATION, undoneOn } from './undo-on.ts';

export const UNIQUE_INDEX = 'exposures_organization_id_external_id_key';

/** Insert triggers on exposures with a NEW TABLE, in the default (origin) state and without a comment: dropped and made again exactly. */
const CAPTURING_TRIGGERS_SQL = `
  SELECT quote_ident(t.tgname) AS name, pg_get_triggerdef(t.oid) AS definition FROM pg_trigger t
   WHERE t.tgrelid = 'exposures'::regclass AND NOT t.tgisinternal AND (t.tgtype & 4) <> 0 AND t.tgnewtable IS NOT NULL
     AND t.tgenabled = 'O' AND obj_description(t.oid, 'pg_trigger') IS NULL`;

/**
 * Runs `work` with the capturing insert triggers dropped, and creates them again after it. Only for a
 * transaction that holds `exposures` locked (it dropped its indexes) and inserts with the triggers off;
 * an error undoes the drop with the rest. The general way of a rebuilding load uses it too.
 */
export async function withoutCapturingTriggers<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  const triggers = (await client.query<{ name: string; definition: string }>(CAPTURING_TRIGGERS_SQL)).rows;
  for (const trigger of triggers) await client.query(`DROP TRIGGER ${trigger.name} ON exposures`);
  const result = await work();
  for (const trigger of triggers) await client.query(trigger.definition);
  return result;
}

/**
 * True when the portfolio holds no exposures (a new book: every exposure of it after the insert is this
 * load's); the lock (held already by a load that dropped indexes) keeps it so until commit. References
 * stored in the organization's other books are caught by the unique index's rebuild (23505: the caller
 * takes the general way), so the plain insert needs only the portfolio to be empty.
 */
export async function portfolioHoldsNoExposures(client: pg.ClientBase, portfolioId: string): Promise<boolean> {
  await client.query('LOCK TABLE exposures IN ACCESS EXCLUSIVE MODE');
  const { rows } = await client.query<{ none: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM exposures WHERE portfolio_id = $1) AS none', [
    portfolioId,
  ]);
  return rows[0]!.none;
}

/**
 * Runs `work` (an insert of the staged rows not stored yet, found without the index) with the unique
 * index `index` dropped and built again after it, from a savepoint. Returns work's result, or null
 * (nothing written) when a reference came twice in the load. The caller holds the table locked.
 */
export async function withUniqueIndexRebuilt<T>(client: pg.ClientBase, index: string, work: () => Promise<T>): Promise<T | null> {
  return undoneOn(client, 'probity_unique_rebuilt', [UNIQUE_VIOLATION], async () => {
    const { rows } = await client.query<{ definition: string }>(`SELECT pg_get_indexdef($1::regclass) AS definition`, [index]);
    await client.query(`DROP INDEX ${index}`);
    const result = await work();
    await client.query(rows[0]!.definition); // 23505 when a reference came twice
    return result;
  });
}

/**
 * Runs `insert` (a plain INSERT of the staged exposures, no anti-join) with the unique index rebuilt
 * around it, then the running totals. Returns the number inserted, or null (nothing written) when
 * a reference came twice.
 */
export async function insertIntoEmptyOrganization(
  client: pg.ClientBase,
  portfolioId: string,
  insert: () => Promise<number>,
): Promise<number | null> {
  return undoneOn(client, 'probity_insert_empty', [UNIQUE_VIOLATION], async () => {
    const { rows } = await client.query<{ definition: string }>(`SELECT pg_get_indexdef($1::regclass) AS definition`, [UNIQUE_INDEX]);
    await client.query(`DROP INDEX ${UNIQUE_INDEX}`);
    const count = await withoutCapturingTriggers(client, insert);
    await client.query(rows[0]!.definition); // 23505 when a reference came twice
    if (count > 0) {
      // Statistics of where the exposures now lie, so the totals' queries plan for this load's rows: the
      // portfolio's id is new to them, which PostgreSQL estimates at one row, and its plans for one row
      // (a serial sort of every row for a few hundred cells) took 1.5 s more at a million than the
      // planned ones; sampling the column takes 0.3 s.
      await client.query('ANALYZE exposures (portfolio_id)');
      // The portfolio's rows are exactly this load's; the view hands them to the totals function.
      await client.query(
        `CREATE TEMP VIEW stage_new_exposures AS
           SELECT portfolio_id, organization_id, obligor_id, obligor_segment, obligor_sector, status, ead, "limit", lgd
             FROM exposures WHERE portfolio_id = ${client.escapeLiteral(portfolioId)}::uuid`,
      );
      await client.query(`SELECT probity_portfolio_figures_add_rows('stage_new_exposures'::regclass)`);
      await client.query('DROP VIEW stage_new_exposures');
    }
    return count;
  });
}
