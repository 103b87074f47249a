import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'node',
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/node/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
