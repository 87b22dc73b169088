// Server-level operations: embedded PostgreSQL, creating/dropping databases, reachability.
export { startEmbeddedPostgres, type EmbeddedServer, type EmbeddedServerOptions } from './embedded.ts';
export { ensureDatabase, dropDatabase, canConnect } from './admin.ts';
export { withDatabase, databaseName, redactUrl } from './connection-url.ts';
