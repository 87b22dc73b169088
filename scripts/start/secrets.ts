// Secrets generated on first start and kept in .probity/secrets.json (mode 600), so sessions and the
// embedded database survive restarts. Values from the environment always win.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Secrets {
  nextAuthSecret: string;
  serviceTokenSecret: string;
  postgresPassword: string;
}

const fresh = (): Secrets => ({
  nextAuthSecret: randomBytes(32).toString('base64url'),
  serviceTokenSecret: randomBytes(32).toString('base64url'),
  postgresPassword: randomBytes(18).toString('base64url'),
});

export async function loadSecrets(dataDir: string): Promise<Secrets> {
  const file = path.join(dataDir, 'secrets.json');
  const stored = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as Partial<Secrets>,
    () => null,
  );
  const secrets = { ...fresh(), ...(stored ?? {}) };
  if (!stored || Object.keys(stored).length < Object.keys(secrets).length) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return secrets;
}
