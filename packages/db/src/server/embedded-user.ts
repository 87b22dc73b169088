// Who runs the embedded PostgreSQL. PostgreSQL refuses to run as root, so as root the server runs as
// the `postgres` system user (created when missing); as anyone else it runs as that user.
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

export interface ServerUser {
  name: string;
  /** Set only when we are root and must switch to the `postgres` user. */
  ids: { uid: number; gid: number } | null;
}

export const isRoot = (): boolean => process.platform !== 'win32' && userInfo().uid === 0;

const lookup = (database: 'passwd' | 'group', name: string): string[] | null => {
  try {
    return execFileSync('getent', [database, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split(':');
  } catch {
    return null;
  }
};

function createPostgresUser(): void {
  const group = lookup('group', 'postgres') ? ['--gid', 'postgres'] : ['--user-group'];
  try {
    execFileSync(
      'useradd',
      ['--system', ...group, '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', 'postgres'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
  } catch (error) {
    const reason = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
    throw new Error(
      `PostgreSQL cannot run as root and creating its \`postgres\` system user failed (${reason}): create that user (useradd --system postgres), run npm start as a normal user, or set DATABASE_URL.`,
    );
  }
}

export function serverUser(): ServerUser {
  if (!isRoot()) {
    try {
      return { name: userInfo().username, ids: null };
    } catch {
      // initdb needs a name for the cluster's owner; without a passwd entry it cannot start.
      throw new Error(
        `The embedded PostgreSQL needs a user name, and uid ${process.getuid?.()} has no entry in /etc/passwd: add one or set DATABASE_URL.`,
      );
    }
  }
  let entry = lookup('passwd', 'postgres');
  if (!entry) {
    createPostgresUser();
    entry = lookup('passwd', 'postgres');
  }
  if (!entry) throw new Error('The `postgres` system user was created but cannot be looked up: check /etc/passwd, or set DATABASE_URL.');
  return { name: 'postgres', ids: { uid: Number(entry[2]), gid: Number(entry[3]) } };
}

/** spawn() options that run a program as the server user. */
export function asServerUser(user: ServerUser): { uid?: number; gid?: number } {
  return user.ids ?? {};
}
