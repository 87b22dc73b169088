import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Node (and so Apollo, at run time and under test) loads graphql's CommonJS entry; Vite would pick
  // its ES module entry for our own files, giving two GraphQLError classes that fail instanceof checks
  // such as unwrapResolverError's. One instance in tests, as in production.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    globalSetup: ['../../packages/db/src/testing/vitest-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
