import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { quietThirdPartySourcemaps } from '../support/quiet-third-party-sourcemaps.ts';

export default defineConfig({
  plugins: [
    quietThirdPartySourcemaps(),
    cloudflareTest({
      wrangler: { configPath: fileURLToPath(new URL('../../wrangler.toml', import.meta.url)) },
      miniflare: {
        bindings: {
          ADMIN_TOKEN: 'test-admin-token',
          DEFAULT_PER_MINUTE: '1000',
          DEFAULT_PER_MONTH: '100000',
          SIGNUP_PER_MINUTE: '1000',
          SIGNUP_PER_MONTH: '100000',
          MAX_APIS_PER_KEY: '5',
          MAX_SANDBOXES_PER_KEY: '4',
          SANDBOX_MAX_ITEMS: '120',
          SANDBOX_MAX_BYTES: '200000',
        },
      },
    }),
  ],
  test: {
    include: ['test/workers/**/*.test.ts'],
    // Node-side: compiles the independent validators the sandbox tests import (no codegen in workerd).
    globalSetup: ['test/workers/build-validators.ts'],
    root: fileURLToPath(new URL('../..', import.meta.url)),
    testTimeout: 60_000,
  },
});
