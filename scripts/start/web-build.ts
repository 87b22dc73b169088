// Builds the dashboard for production when its sources changed since the last build. The fingerprint
// covers the web app and every package it compiles in (size and mtime of each source file).
import { createHash } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';

const SKIP = new Set(['node_modules', '.next', '.turbo', 'dist', 'coverage', 'test-results', 'generated']);

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else yield full;
  }
}

async function fingerprint(root: string): Promise<string> {
  const hash = createHash('sha256');
  const roots = ['apps/web', 'packages/db/src', 'packages/auth/src', 'packages/logging/src', 'package-lock.json'];
  for (const r of roots) {
    const full = path.join(root, r);
    const info = await stat(full).catch(() => null);
    if (!info) continue;
    const files = info.isDirectory() ? [] : [full];
    if (info.isDirectory()) for await (const f of sourceFiles(full)) files.push(f);
    for (const f of files.sort()) {
      const s = await stat(f);
      hash.update(`${path.relative(root, f)}:${s.size}:${s.mtimeMs}\n`);
    }
  }
  return hash.digest('hex');
}

export async function ensureWebBuild(root: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const marker = path.join(root, 'apps/web/.next/probity-fingerprint');
  const current = await fingerprint(root);
  const built = await readFile(marker, 'utf8').catch(() => '');
  const hasBuild = await stat(path.join(root, 'apps/web/.next/BUILD_ID')).then(
    () => true,
    () => false,
  );
  if (hasBuild && built.trim() === current) return;
  log('building the dashboard (first start or changed sources; about a minute)');
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: path.join(root, 'apps/web'),
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with code ${code}`))));
  });
  await writeFile(marker, current);
  log(`dashboard built in ${Math.round((Date.now() - started) / 1000)} s`);
}
