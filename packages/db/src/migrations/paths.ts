import { fileURLToPath } from 'node:url';

/** Repository root, resolved from this file so it works from any working directory. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const schemaPath = fileURLToPath(new URL('../../../../prisma/schema.prisma', import.meta.url));
export const migrationsDir = fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url));
