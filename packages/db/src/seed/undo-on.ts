// The loads' fallbacks: a statement tried the cheap way from a savepoint, and undone when PostgreSQL
// refuses it with an expected error (a unique violation, a lock not had in time), so the caller can
// take the safe way inside the same transaction. Any other error stays the transaction's.
import type pg from 'pg';

/** Runs `work` from savepoint `name`; returns its result, or null (all of it undone) when it fails with one of `codes`. */
export async function undoneOn<T>(
  client: pg.ClientBase,
  name: string,
  codes: readonly string[],
  work: () => Promise<T>,
): Promise<T | null> {
  await client.query(`SAVEPOINT ${name}`);
  try {
    const result = await work();
    await client.query(`RELEASE SAVEPOINT ${name}`); // what work holds (its locks) stays with the transaction
    return result;
  } catch (error) {
    if (!codes.includes((error as { code?: string }).code ?? '')) throw error;
    await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
    await client.query(`RELEASE SAVEPOINT ${name}`);
    return null;
  }
}

/** unique_violation: a reference given twice, or stored meanwhile. */
export const UNIQUE_VIOLATION = '23505';
/** lock_not_available: NOWAIT, or lock_timeout ran out. */
export const LOCK_NOT_AVAILABLE = '55P03';
