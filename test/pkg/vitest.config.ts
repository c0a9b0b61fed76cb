import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The CLI as a package: packed, installed outside the repository, run as a CI job would (issue 23).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/pkg/**/*.test.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
