// The only place the test harness reads the environment.
export const testEnv = {
  databaseUrl: process.env.DATABASE_URL,
  localServerUrl: process.env.PROBITY_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  /** 'embedded': a throwaway embedded server even when another answers (the server `npm start` gives a newcomer). */
  server: process.env.PROBITY_TEST_SERVER,
};

/** The environment for a process a test or benchmark starts: ours (PATH, locale…) plus its own variables. */
export function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
