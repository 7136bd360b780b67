import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects, one `npm test` (docs/architecture.md, "Tests"), run side by side:
 *
 * - `e2e`: the files that drive Chromium at length (print PDFs, open many pages) or interrupt builds, one
 *   after another in one child process (each file still gets its modules fresh). Its globalSetup
 *   (tests/shared-reports-setup.ts) builds the repository's own report once, for the files that only read
 *   it, and serves it to the web tests from one server.
 * - `unit`: every other file, two at a time, in worker threads: a pool of their own, because vitest runs two
 *   pools at once, but in one pool the files of a one-process project only after all the others. Without
 *   maxWorkers, vitest would use cores − 1 workers: one, on this 2-core machine.
 *
 * tests/browser/faults.test.ts is a unit file: it spends most of its ~40 s waiting for a frozen or silent
 * browser to time out, and keeps to the processes it starts; so are the CLI builds of browser/find.test.ts
 * and bin/chart-threads.test.ts, which time nothing.
 */
const e2e = [
  'tests/e2e/**/*.test.ts',
  'tests/browser/bundled.test.ts',
  'tests/incremental/interrupt.test.ts',
  'tests/incremental/rebuilds.test.ts',
  'tests/dev/dev-loop.test.ts',
  'tests/outputs/pdf.test.ts',
  'tests/outputs/pdf-ua.test.ts',
  'tests/outputs/pdf-overflow.test.ts',
  'tests/outputs/pdf-footnotes.test.ts',
  'tests/outputs/pdf-endnotes.test.ts',
  'tests/outputs/press.test.ts',
  'tests/outputs/docx.test.ts',
  'tests/outputs/docx-fonts.test.ts',
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
