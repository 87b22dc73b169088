// INSERT … SELECT that skips rows whose unique key is already stored, the cheap way first. ON CONFLICT
// DO NOTHING checks and inserts every row speculatively: at a million exposures that was 6.5 of the
// INSERT's 13.6 s of CPU. Leaving stored keys out with an anti-join and inserting plainly does the same
// unless a key comes twice in the load or a concurrent transaction stores one meanwhile; the unique
// index then raises 23505, and the statement runs again, in ON CONFLICT form, from a savepoint (so the
// first row of a key wins either way, as with ON CONFLICT alone).
import type pg from 'pg';
import { UNIQUE_VIOLATION, undoneOn } from './undo-on.ts';

export type SkipExisting = 'anti-join' | 'on-conflict';

/** Runs `sql('anti-join')`, or `sql('on-conflict')` if that hit a unique violation. */
export async function insertSkippingExisting(
  client: pg.ClientBase,
  sql: (skip: SkipExisting) => string,
  params: unknown[],
): Promise<pg.QueryResult> {
  return (
    (await undoneOn(client, 'probity_insert_new', [UNIQUE_VIOLATION], () => client.query(sql('anti-join'), params))) ??
    client.query(sql('on-conflict'), params)
  );
}
