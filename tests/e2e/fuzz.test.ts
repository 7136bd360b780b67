import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestBrowser } from '../helpers.js';
import { endBench, runCase, startBench, type Bench } from './fuzz-case.js';
import { mutation, type Mutation } from './fuzz-mutations.js';

/**
 * Bad input, generated: a small valid report (the mini fixture) is changed in
 * one to three ways — bytes, line endings, BOMs and encodings, front matter,
 * Markdown and template text, chart spec keys, CSV cells, file names,
 * symbolic links, empty, huge, copied and missing files (fuzz-mutations.ts) —
 * and built as `--format html` builds it into a folder holding a previous
 * output (fuzz-case.ts). Whatever the change, the build either succeeds or
 * fails with catalogue lines only (path:line:col  error  what — what to do
 * [rule]): never another exception (the CLI's "internal error"), never
 * anything else printed, and after a failure the previous output is byte for
 * byte as it was. A generated case one of whose changes does not apply (it
 * throws, or leaves the report as it was: a file deleted by the change before
 * it, an empty insert…) would build the fixture as it is and pass without
 * testing what it names: it is drawn again instead of counted.
 *
 * `npm test` runs a fixed seed and a few cases; `npm run fuzz` runs more
 * (FUZZ_RUNS, default 200) with a new seed, which a failure prints together
 * with its path: FUZZ_SEED=<seed> FUZZ_PATH=<path> npm run fuzz replays it.
 */
const runs = Number(process.env.FUZZ_RUNS || 12);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RUNS ? Date.now() % 2 ** 31 : 19;

/** Cases the fuzzer found (each was an "internal error"), run first every time. */
const found: Mutation[][] = [
  [{ kind: 'empty', file: 'data/charts' }], // a file where a folder of a path should be: ENOTDIR from lstat
  [{ kind: 'symlink', file: 'templates/strings', to: 'self' }], // a link that loops: ELOOP from lstat
  [{ kind: 'insert', file: 'content/en/01-main.md', at: 200, text: ' {{ref}} ' }], // a helper without its id
];

const foundCases = new Set(found.map((m) => JSON.stringify(m)));

let bench: Bench;

beforeAll(async () => {
  bench = await startBench();
});

afterAll(async () => {
  await closeTestBrowser();
  if (bench) endBench(bench);
});

describe('a report changed at random', () => {
  it(
    `builds, or fails with catalogue lines only and the previous output as it was (${found.length} found before, ${runs} new cases, seed ${seed})`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
          const { problem, notApplied } = await runCase(bench, mutations);
          // A case found before must still change the report as it did. A generated one where a mutation does not
          // apply is not counted: fast-check draws another in its place (and fails the run when too many do).
          if (foundCases.has(JSON.stringify(mutations)))
            expect(notApplied, 'a case found before no longer applies').toBeUndefined();
          else fc.pre(notApplied === undefined);
          expect(problem).toBeUndefined();
        }),
        // A failure in `npm test` is reported as found (no shrinking: each try is a build); `npm run fuzz` shrinks it.
        {
          numRuns: runs,
          seed,
          path: process.env.FUZZ_PATH || undefined,
          endOnFailure: !process.env.FUZZ_RUNS,
          examples: process.env.FUZZ_PATH ? [] : found.map((m) => [m]),
        },
      );
    },
    Math.max(300_000, runs * 30_000),
  );
});
