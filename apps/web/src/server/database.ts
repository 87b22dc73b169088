// The web app touches the database for sign-in and its server-side sessions only (start, check on
// every page, switch organization, end at sign-out); everything else goes through the GraphQL API.
// One small pool per server process.
import 'server-only';
import { createDatabase, type Database } from '@probity/db/sign-in';
import { env } from '../env.ts';

const holder = globalThis as typeof globalThis & { probityWebDatabase?: Database };

export function database(): Database {
  holder.probityWebDatabase ??= createDatabase({ connectionString: env().databaseUrl, poolSize: 3 });
  return holder.probityWebDatabase;
}
