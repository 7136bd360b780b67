import { defineConfig } from 'vitest/config';

// Builds drive one Chromium each: run test files one after another, with room for a slow, shared 2-core machine.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
