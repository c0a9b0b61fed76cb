import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/cli/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Two files at a time (each starts its own dev server on free ports): 100 s → 54-70 s on two
    // cores, all passing in four runs, three of them in shuffled file orders. A file's tests keep
    // their written order: some build on the ones before (diff-cli publishes 1.1.0 after refusing it).
    maxWorkers: 2,
  },
});
