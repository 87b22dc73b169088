// Where the cluster's files go. As root the server runs as `postgres`, which must reach the data
// directory: a checkout under /root (mode 700) is not reachable, so the cluster lives under
// /var/lib/probity/<hash of the requested path> and the requested path becomes a link to it.
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, rmdir, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { SYSTEM_DIR } from './embedded-binaries.ts';
import { isRoot } from './embedded-user.ts';

/** True when some existing folder above `target` denies "others" the right to pass through it. */
async function hiddenFromOthers(target: string): Promise<boolean> {
  for (let dir = path.dirname(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = (await stat(dir).catch(() => null))?.mode; // a folder not created yet: we create it 755
    if (mode !== undefined && (mode & 0o001) === 0) return true;
  }
  return false;
}

export async function reachableDataDir(requested: string): Promise<string> {
  const absolute = path.resolve(requested);
  if (!isRoot() || !(await hiddenFromOthers(absolute))) return absolute;
  const stable = path.join(SYSTEM_DIR, createHash('sha256').update(absolute).digest('hex').slice(0, 16));
  await mkdir(path.dirname(absolute), { recursive: true });
  const existing = await lstat(absolute).catch(() => null);
  if (existing?.isDirectory() && (await readdir(absolute)).length === 0) await rmdir(absolute);
  else if (existing && !existing.isSymbolicLink()) {
    throw new Error(
      `PostgreSQL's \`postgres\` user cannot reach ${absolute}: move it to ${stable} and leave a symbolic link in its place.`,
    );
  }
  if (!existing?.isSymbolicLink()) await symlink(stable, absolute);
  return stable;
}
