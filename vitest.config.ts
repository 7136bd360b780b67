import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects, one `npm test` (docs/architecture.md, "Tests"):
 *
 * - `e2e`: the files that drive Chromium at length (print PDFs, open pages, kill or time out a browser) or time
 *   a build, run one after another in one worker process (each file still gets its modules fresh), after the
 *   unit files. Their globalSetup (tests/shared-reports-setup.ts) builds the repository's own report once, for the
 *   files that only read it, and serves it to the web tests from one server.
 * - `unit`: everything else, two files at a time (this is a 2-core machine; vitest would otherwise use one
 *   worker: cores − 1).
 */
const e2e = [
  'tests/e2e/**/*.test.ts',
  'tests/browser/bundled.test.ts',
  'tests/browser/faults.test.ts',
  'tests/browser/find.test.ts',
  'tests/incremental/interrupt.test.ts',
  'tests/incremental/rebuilds.test.ts',
  'tests/dev/dev-loop.test.ts',
  'tests/stages/print-pdf.test.ts',
  'tests/bin/chart-threads.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 300_000,
    hookTimeout: 600_000,
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...e2e],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: e2e,
          globalSetup: ['tests/shared-reports-setup.ts'],
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
