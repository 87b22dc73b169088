// Plain SQL as the owner role, for tests that set up what the API cannot (fault injection: a trigger
// that fails one tenant's writes) or bulk data quicker than through the API.
import pg from 'pg';

export async function runSql<R extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}
