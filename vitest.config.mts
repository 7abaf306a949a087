// Vitest runs the example's Vitest test only (`npx projen test:vitest`); jest runs everything else.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['examples/vitest/**/*.test.ts'],
    // Polyfills `Promise.withResolvers` on Node 20, as the jest setup does.
    setupFiles: ['test/setup-env.ts'],
  },
});
