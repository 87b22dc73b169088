import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Training tests (deep models on wasm, trees, the memory budget's reader) take a few seconds on a
    // quiet machine and several times that on a shared one; a timeout is not what they assert.
    testTimeout: 60_000,
  },
});
