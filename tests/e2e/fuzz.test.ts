import path from 'node:path';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { BuildFailed, formatDiagnostic, type Diagnostic } from '../../scripts/diagnostics/catalogue.js';
import { newSession, settled, type Session } from '../../scripts/context.js';
import { inputsHash } from '../../scripts/incremental/inputs-hash.js';
import { closeTestBrowser, options, repo, reportCopy, snapshot } from '../helpers.js';
import { mutation, applyMutations, type Mutation } from './fuzz-mutations.js';

/**
 * Bad input, generated: a small valid report (the mini fixture) is changed in
 * one to three ways — bytes, line endings, BOMs and encodings, front matter,
 * Markdown and template text, chart spec keys, CSV cells, file names,
 * symbolic links, empty, huge and missing files (tests/e2e/fuzz-mutations.ts)
 * — and built (HTML, as the CLI's --format html does) into a folder holding
 * a previous output. Whatever the change, the build either succeeds or fails
 * with catalogue lines only (path:line:col  error  what — what to do  [rule]):
 * never another exception (the CLI's "internal error"), never anything else
 * printed, and after a failure the previous output is byte for byte as it was.
 *
 * `npm test` runs a fixed seed; `npm run fuzz` runs many more cases with a new
 * seed each time (FUZZ_RUNS, FUZZ_SEED and FUZZ_PATH replay a failure).
 */
const runs = Number(process.env.FUZZ_RUNS ?? 60);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RUNS ? undefined : 19;

let session: Session;
let cacheDir: string;
let goodDist: string;

beforeAll(async () => {
  session = newSession();
  cacheDir = mkdtempSync(path.join(tmpdir(), 'fuzz-cache-'));
  const root = reportCopy('mini');
  goodDist = path.join(mkdtempSync(path.join(tmpdir(), 'fuzz-good-')), 'dist');
  await build(options(root, goodDist, { formats: ['html'], session, cacheDir }));
  rmSync(root, { recursive: true, force: true });
});

afterAll(async () => {
  await closeTestBrowser();
  rmSync(cacheDir, { recursive: true, force: true });
  rmSync(path.dirname(goodDist), { recursive: true, force: true });
});

/** A catalogue line: a path inside the report, line and column, severity, what is wrong — what to do, the rule. */
const catalogueLine = /^(?![/\\])(?!\.\.)[^\n]+?:\d+:\d+ {2}(error|warning) {2}[^\n]+ — [^\n]+ {2}\[[a-z0-9-]+\]$/;

/** Build the report in `root` into its dist/ (holding the previous output); what a user would see. */
async function buildCase(root: string): Promise<{ ok: boolean; lines: string[]; printed: string[] }> {
  const printed: string[] = [];
  const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info };
  console.log = console.warn = console.error = console.info = (...a: unknown[]) => void printed.push(a.map(String).join(' '));
  try {
    inputsHash(root, repo, { langs: null, formats: ['html'], strict: false, epoch: null }); // what the CLI reads first
    const result = await build(options(root, path.join(root, 'dist'), { formats: ['html'], session, cacheDir }));
    return { ok: true, lines: result.diagnostics.map(formatDiagnostic), printed };
  } catch (e) {
    if (e instanceof BuildFailed) return { ok: false, lines: e.diagnostics.map((d: Diagnostic) => formatDiagnostic(d)), printed };
    throw new Error(`internal error (the CLI would exit 70): ${(e as Error)?.stack ?? String(e)}`);
  } finally {
    Object.assign(console, saved);
    await settled(session); // (the old output is removed in the background after a swap)
  }
}

async function check(mutations: Mutation[]): Promise<void> {
  const root = reportCopy('mini');
  const outside = mkdtempSync(path.join(tmpdir(), 'fuzz-outside-'));
  try {
    writeFileSync(path.join(outside, 'secret.md'), '---\nid: main\ntitle: SECRET-OUTSIDE\n---\n\n# SECRET-OUTSIDE {#secret}\n');
    applyMutations(root, outside, mutations);
    const dist = path.join(root, 'dist');
    rmSync(dist, { recursive: true, force: true });
    cpSync(goodDist, dist, { recursive: true });
    const before = snapshot(dist);
    const { ok, lines, printed } = await buildCase(root);
    expect(printed, 'nothing is printed but the catalogue lines').toEqual([]);
    for (const line of lines) expect(line).toMatch(catalogueLine);
    expect(readdirSync(root).filter((n) => n.startsWith('.dist.staging-')), 'no staging folder is left').toEqual([]);
    if (!ok) {
      expect(lines.some((l) => /  error  /.test(l))).toBe(true);
      expect(snapshot(dist), 'the previous output is unchanged').toEqual(before);
    } else {
      for (const f of ['index.html', 'zh/index.html', 'en/index.html']) expect(existsSync(path.join(dist, f)), f).toBe(true);
      const out = [...snapshot(dist).values()].map((b64) => Buffer.from(b64, 'base64').toString('latin1')).join('');
      expect(out, 'nothing from outside the report is published').not.toContain('SECRET-OUTSIDE');
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
}

describe('a report changed at random', () => {
  it(`builds or fails with catalogue lines only, leaving the previous output as it was (${runs} cases${seed === undefined ? '' : `, seed ${seed}`})`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), check),
      { numRuns: runs, seed, path: process.env.FUZZ_PATH, endOnFailure: !process.env.FUZZ_RUNS },
    );
  }, Math.max(300_000, runs * 20_000));
});
