// The obligors of a large load, as many as the obligors stored (the seed, a new bank's first book, a
// bank's new book, the scale benchmark): their unique index on (organization_id, external_id) is
// dropped, the rows go in by a plain INSERT (an organization that holds none) or one that leaves out
// the stored references by a hashed anti-join (one that holds some), and the index is built again,
// sorted, in the same transaction. A million inserts into it at places the references' text order
// scatters cost more than twice the build (4.2 s of backend CPU against 1.9 s for the insert and 0.9 s
// for the build at a million; beside 100,000 stored, 3.4 s for the anti-join INSERT through the index).
// Dropping it needs `obligors` in ACCESS EXCLUSIVE mode. `exposures` is locked first, waiting as the
// load always has; `obligors` is then waited for briefly only (OBLIGORS_LOCK_WAIT_MS): a writer that holds
// it and then wants `exposures` (an obligor update copies its fields onto the exposures) would otherwise
// deadlock with the load. When the lock does not come in that time, or a reference comes twice in the
// load (the build fails), nothing of this is kept and the caller inserts through the index as before.
import type pg from 'pg';
import { withUniqueIndexRebuilt } from './insert-into-empty.ts';
import { LOCK_NOT_AVAILABLE, undoneOn } from './undo-on.ts';

export const OBLIGOR_UNIQUE_INDEX = 'obligors_organization_id_external_id_key';
/**
 * How long the load waits for `obligors`, in ms: at most half of deadlock_timeout (1 s by default), so a
 * writer waiting for `exposures` while holding `obligors` finds no deadlock; the load gives up first
 * and inserts through the index.
 */
export const OBLIGORS_LOCK_WAIT_MS = 250;

/**
 * Runs `insert` (an INSERT of the staged obligors that are not stored yet, finding the stored ones
 * without the index) with the obligors' unique index rebuilt around it. Returns false (nothing written) when `obligors` is not free in OBLIGORS_LOCK_WAIT_MS or a reference came twice;
 * the lock on `exposures` (taken here if the caller has not yet) is kept either way.
 */
export async function insertObligorsWithIndexRebuilt(client: pg.ClientBase, insert: () => Promise<unknown>): Promise<boolean> {
  await client.query('LOCK TABLE exposures IN ACCESS EXCLUSIVE MODE');
  const locked = await undoneOn(client, 'probity_obligors_locked', [LOCK_NOT_AVAILABLE], async () => {
    const { rows } = await client.query<{ before: string }>(
      `SELECT current_setting('lock_timeout') AS before,
              set_config('lock_timeout', greatest(1, least($1::int, setting::int / 2))::text, true) -- deadlock_timeout: ms
         FROM pg_settings WHERE name = 'deadlock_timeout'`,
      [OBLIGORS_LOCK_WAIT_MS],
    );
    await client.query('LOCK TABLE obligors IN ACCESS EXCLUSIVE MODE'); // undone, the setting with it, when the wait runs out
    await client.query(`SELECT set_config('lock_timeout', $1, true)`, [rows[0]!.before]);
    return true;
  });
  return locked !== null && (await withUniqueIndexRebuilt(client, OBLIGOR_UNIQUE_INDEX, insert)) !== null;
}
