import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'node',
    root: fileURLToPath(new URL('../..', import.meta.url)),
    // The builder's info lines tell a build's story to an operator; here they would bury the report.
    env: { NBHD_LOG_LEVEL: 'warn' },
    include: ['test/node/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
