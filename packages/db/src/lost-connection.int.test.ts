// A connection the server drops while a caller holds it between two statements (a restart, a backend
// terminated by an administrator) fails that caller's next statement, not the process: in CI the API's
// outage test once died of the server's 57P01 notice thrown as an uncaught exception.
import { describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { bulkPoolOf, createDatabase, poolOf } from './client.ts';

async function terminate(backendPid: number): Promise<void> {
  const admin = new pg.Client({ connectionString: inject('databaseUrl') });
  await admin.connect();
  try {
    await admin.query('SELECT pg_terminate_backend($1)', [backendPid]);
  } finally {
    await admin.end();
  }
}

describe('a connection lost while held', () => {
  it.each([
    ['the Prisma pool', poolOf],
    ['the bulk pool', bulkPoolOf],
  ] as const)('%s: the next statement rejects, nothing is thrown past it, and the pool serves again', async (_, poolFor) => {
    const db = createDatabase({ connectionString: inject('databaseUrl'), poolSize: 1 });
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      const pool = poolFor(db);
      const held = await pool.connect();
      const { rows } = await held.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await terminate(rows[0]!.pid);
      // The server's notice arrives on the held, idle connection.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(held.query('SELECT 1')).rejects.toThrow();
      held.release(true);
      const again = await pool.query<{ one: number }>('SELECT 1 AS one');
      expect(again.rows[0]!.one).toBe(1);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
      await db.close();
    }
  });
});
