import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The Monte Carlo agreement tests simulate real portfolios; the machine may be shared.
    testTimeout: 120_000,
  },
});
