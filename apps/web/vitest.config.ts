import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Next.js resolves `server-only` to an empty module on the server; tests run server code, so do the same.
const serverOnlyEmpty = path.join(path.dirname(createRequire(import.meta.url).resolve('server-only')), 'empty.js');

export default defineConfig({
  resolve: { alias: [{ find: /^server-only$/, replacement: serverOnlyEmpty }] },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
