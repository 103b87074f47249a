// Three projects, one command: `edge` runs inside workerd, `node` runs the data layer,
// scripts and infra in Node, `e2e` drives Chromium through a whole local neighborhood.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'test/edge/vitest.config.ts',
      'test/node/vitest.config.ts',
      'test/e2e/vitest.config.ts',
    ],
  },
});
