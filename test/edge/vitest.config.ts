import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      main: './edge/index.ts',
      wrangler: { configPath: './wrangler.toml' },
      miniflare: { bindings: inject('edgeVars') },
    })),
  ],
  // The pool does not read wrangler.toml's [alias]; repeat it for Vite.
  resolve: {
    alias: {
      '@atproto-labs/handle-resolver-node': fileURLToPath(
        new URL('../../edge/auth/handle-resolver-node-stub.ts', import.meta.url),
      ),
    },
  },
  test: {
    name: 'edge',
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/edge/**/*.test.{ts,tsx}'],
    globalSetup: ['test/support/edge-stack.ts'],
    testTimeout: 20_000,
    // Files share one table, and some (the last-admin rules) set its admin count.
    fileParallelism: false,
    hookTimeout: 60_000,
  },
});
