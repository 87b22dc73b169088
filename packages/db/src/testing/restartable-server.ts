// An embedded PostgreSQL a test can stop and start again with its data, to play a database outage.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startEmbeddedPostgres, type EmbeddedServerOptions } from '../server/embedded.ts';
import { freePort } from './server.ts';

export interface RestartableServer {
  /** URL of the server (its `postgres` database); the same after a restart. */
  url: string;
  stop(): Promise<void>;
  /** Starts it again on the same port, with the data it had. */
  start(): Promise<void>;
  /** Stops it and deletes its cluster and folder. */
  remove(): Promise<void>;
}

export async function startRestartableServer(label: string): Promise<RestartableServer> {
  const folder = await mkdtemp(path.join(tmpdir(), `probity-${label}-`));
  const options: EmbeddedServerOptions = {
    dataDir: path.join(folder, 'data'),
    port: await freePort(),
    password: randomBytes(8).toString('hex'),
    persistent: true,
  };
  const removeFolder = () => rm(folder, { recursive: true, force: true });
  let server = await startEmbeddedPostgres(options).catch(async (error: unknown) => {
    await removeFolder();
    throw error;
  });
  return {
    url: server.url,
    stop: () => server.stop(),
    start: async () => {
      server = await startEmbeddedPostgres(options);
    },
    remove: async () => {
      await server.stop().catch(() => undefined);
      // Persistent, so stop() keeps the cluster; as root it lives under /var/lib/probity, outside `folder`.
      await rm(server.dataDir, { recursive: true, force: true });
      await removeFolder();
    },
  };
}
