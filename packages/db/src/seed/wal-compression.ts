// Index builds write each page into the WAL whole (wal_level replica or above): compressed where this
// role may say so (a superuser: the seed, the benchmarks), a million-exposure load writes 0.5 GB less
// WAL and, on a slow disk, waits less for it.
import type pg from 'pg';

/** lz4 WAL compression for this transaction (`local`) or session, where the server has lz4 and the role may set it. */
export async function compressWalWherePermitted(client: pg.ClientBase, scope: 'transaction' | 'session'): Promise<void> {
  await client.query(
    `SELECT set_config('wal_compression', 'lz4', $1) FROM pg_settings
      WHERE name = 'wal_compression' AND 'lz4' = ANY(enumvals) AND has_parameter_privilege(current_user, 'wal_compression', 'SET')`,
    [scope === 'transaction'],
  );
}
