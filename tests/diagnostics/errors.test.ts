import path from 'node:path';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { newSession, settled } from '../../scripts/context.js';
import { BuildFailed, formatDiagnostic } from '../../scripts/diagnostics/catalogue.js';
import { cli, closeTestBrowser, options, overlay, repo, reportCopy, snapshot } from '../helpers.js';

/**
 * Each folder under tests/fixtures/errors/ lays a broken file over the mini report; expected.txt holds the
 * messages the build must print, so a change shows as a diff. A case without expected.txt fails, saying how
 * to write it: `UPDATE=1 npx vitest run tests/diagnostics/errors.test.ts` (re)writes every case's
 * expected.txt from what the build prints (the only way a test here writes one), to be reviewed before commit.
 *
 * The cases are built in this process, one after another, with one Session (schemas, fonts: what the CLI
 * keeps for a process) and a browser launched only if a case needs one; what is compared is what the CLI
 * prints for the same failure (its stderr: every diagnostic as formatDiagnostic writes it). One case, and
 * the symbolic links below, still go through the CLI itself. Every copy of the report is removed after its case.
 */
const casesDir = path.join(repo, 'tests', 'fixtures', 'errors');
const cases = readdirSync(casesDir).sort();
const session = newSession();
const temps: string[] = [];
/**
 * The cases' caches (each its own, cold, as a CLI run on a fresh copy has): outside the copies, because a
 * chart being rendered when a build fails is still written to the cache after the build has thrown.
 */
const caches = mkdtempSync(path.join(tmpdir(), 'report-errors-cache-'));
temps.push(caches);
let goodDist: string;

/** A temp copy of the mini report, removed after the file's tests. */
function miniCopy(): string {
  const root = reportCopy('mini');
  temps.push(root);
  return root;
}

/** What `node bin/report.js build --root ROOT --format html --quiet` does (its exit code and stderr), in this process. */
async function buildHtml(root: string): Promise<{ code: number; stderr: string }> {
  try {
    const r = await build(
      options(root, path.join(root, 'dist'), {
        formats: ['html'],
        session,
        cacheDir: path.join(caches, path.basename(root)),
      }),
    );
    return { code: 0, stderr: r.diagnostics.map((d) => `${formatDiagnostic(d)}\n`).join('') };
  } catch (e) {
    if (!(e instanceof BuildFailed)) throw e;
    const n = e.diagnostics.filter((d) => d.severity === 'error').length;
    return {
      code: 1,
      stderr:
        [...e.diagnostics.map(formatDiagnostic), `build failed: ${n} error(s); the previous output is unchanged`].join(
          '\n',
        ) + '\n',
    };
  } finally {
    await settled(session);
  }
}

/** The lines of a failed build's stderr that are messages (not the pending figures the mini report has). */
const messages = (stderr: string) =>
  stderr.split('\n').filter((l) => /\s(error|warning)\s/.test(l) && !l.includes('[pending-figure]'));

/** expected.txt of a case: read (UPDATE=1: written from `actual` first); a case without one fails, saying how to make it. */
function expected(name: string, actual: string): string {
  const file = path.join(casesDir, name, 'expected.txt');
  if (process.env.UPDATE) writeFileSync(file, actual);
  if (!existsSync(file)) {
    expect.fail(
      `tests/fixtures/errors/${name}/expected.txt is missing: write it with \`UPDATE=1 npx vitest run tests/diagnostics/errors.test.ts\`, then review what it holds before committing it`,
    );
  }
  return readFileSync(file, 'utf8');
}

beforeAll(async () => {
  const root = miniCopy();
  const r = await buildHtml(root);
  expect(r.code, r.stderr).toBe(0);
  goodDist = path.join(root, 'dist');
});

afterAll(async () => {
  await closeTestBrowser();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe.each(cases)('bad input: %s', (name) => {
  it('fails with one clear message per problem, and leaves dist/ as it was', async () => {
    const root = reportCopy('mini');
    try {
      cpSync(goodDist, path.join(root, 'dist'), { recursive: true });
      const before = snapshot(path.join(root, 'dist'));
      overlay(root, path.join(casesDir, name));
      const r = await buildHtml(root);
      expect(r.code).toBe(1);
      const output = messages(r.stderr);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(output.length).toBeGreaterThan(0);
      for (const line of output.filter((l) => / error /.test(l))) {
        // path:line:col  error  what — what to do  [rule]: every message names its file and line
        expect(line).toMatch(/^[\w./-]+:\d+:\d+  error  .+ — .+  \[[a-z0-9-]+\]$/);
      }
      const actual = output.join('\n') + '\n';
      expect(actual).toBe(expected(name, actual));
      expect(snapshot(path.join(root, 'dist'))).toEqual(before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the CLI on bad input', () => {
  it('prints what the in-process build above reports, exits 1 and leaves dist/ as it was', async () => {
    const name = 'csv-ragged';
    const root = miniCopy();
    cpSync(goodDist, path.join(root, 'dist'), { recursive: true });
    const before = snapshot(path.join(root, 'dist'));
    overlay(root, path.join(casesDir, name));
    const r = await cli(['build', '--root', root, '--format', 'html', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(messages(r.stderr).join('\n') + '\n').toBe(readFileSync(path.join(casesDir, name, 'expected.txt'), 'utf8'));
    expect(r.stderr).toContain('build failed: 1 error(s); the previous output is unchanged');
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });
});

describe('bad input that a fixture cannot hold: symbolic links', () => {
  it('a chapter that links to a file outside the report is refused (never published), a folder that links back into itself is not followed', async () => {
    const root = miniCopy();
    cpSync(goodDist, path.join(root, 'dist'), { recursive: true });
    const before = snapshot(path.join(root, 'dist'));
    const outside = mkdtempSync(path.join(tmpdir(), 'outside-'));
    temps.push(outside);
    const chapter = path.join(root, 'content', 'en', '01-main.md');
    // A whole, valid chapter: followed, it would be built and published.
    writeFileSync(
      path.join(outside, 'chapter.md'),
      readFileSync(chapter, 'utf8').replace('Output in 2020 was', 'SECRET-OUTSIDE Output in 2020 was'),
    );
    renameSync(chapter, `${chapter}.orig`);
    symlinkSync(path.join(outside, 'chapter.md'), chapter);
    symlinkSync(path.join(root, 'data'), path.join(root, 'data', 'charts', 'loop'));
    const r = await cli(['build', '--root', root, '--format', 'html', '--quiet']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
    expect(
      r.stderr
        .split('\n')
        .filter((l) => /\s(error|warning)\s/.test(l) && !/\[(pending-figure|parity|stale-translation)\]/.test(l)),
    ).toEqual([
      `content/en/01-main.md:1:1  error  The path "content/en/01-main.md (a link to ${path.join(outside, 'chapter.md')})" leads outside the report root — keep every file inside the report folder  [outside-root]`,
    ]);
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });
});
