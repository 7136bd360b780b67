import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects, one `npm test` (docs/architecture.md, "Tests"), run side by side:
 *
 * - `e2e`: the files that drive Chromium at length (print PDFs, open many pages, kill, freeze or interrupt a
 *   browser or a build), one after another in one child process (each file still gets its modules fresh).
 *   Its globalSetup (tests/shared-reports-setup.ts) builds the repository's own report once, for the files
 *   that only read it, and serves it to the web tests from one server.
 * - `unit`: every other file, two at a time, in worker threads (a pool of their own: vitest runs the
 *   files of one pool only after those of another in the same pool would be done, and runs two pools at
 *   once). Without maxWorkers, vitest would use cores − 1 workers: one, on this 2-core machine.
 */
const e2e = [
  'tests/e2e/**/*.test.ts',
  'tests/browser/bundled.test.ts',
  'tests/browser/faults.test.ts',
  'tests/incremental/interrupt.test.ts',
  'tests/incremental/rebuilds.test.ts',
  'tests/dev/dev-loop.test.ts',
  'tests/stages/print-pdf.test.ts',
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
          // Worker threads: a pool of their own, so that the unit files run beside the e2e ones, not before them.
          pool: 'threads',
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
