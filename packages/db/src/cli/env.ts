// The only place the package's command-line tools read the environment.

/** DATABASE_URL, or exit with a message saying it is missing. */
export function requireDatabaseUrl(hint = ''): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(`DATABASE_URL is not set${hint}.`);
    process.exit(2);
  }
  return url;
}
