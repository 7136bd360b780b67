import path from 'node:path';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, overlay, repo, reportCopy, snapshot } from '../helpers.js';

/**
 * Each folder under tests/fixtures/errors/ lays a broken file over the mini
 * report; expected.txt holds the messages the build must print (written on
 * the first run on a developer's machine, rewritten with UPDATE=1, so a change
 * shows as a diff). In CI (`CI` set) a case without expected.txt fails: there
 * is nothing to compare its output with.
 */
const casesDir = path.join(repo, 'tests', 'fixtures', 'errors');
const cases = readdirSync(casesDir).sort();
let goodDist: string;

beforeAll(async () => {
  const root = reportCopy('mini');
  const r = await cli(['build', '--root', root, '--format', 'html', '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  goodDist = path.join(root, 'dist');
});

describe.each(cases)('bad input: %s', (name) => {
  it('fails with one clear message per problem, and leaves dist/ as it was', async () => {
    const root = reportCopy('mini');
    cpSync(goodDist, path.join(root, 'dist'), { recursive: true });
    const before = snapshot(path.join(root, 'dist'));
    overlay(root, path.join(casesDir, name));
    const r = await cli(['build', '--root', root, '--format', 'html', '--quiet']);
    expect(r.code).toBe(1);
    const output = r.stderr.split('\n').filter((l) => /\s(error|warning)\s/.test(l) && !l.includes('[pending-figure]'));
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(output.length).toBeGreaterThan(0);
    for (const line of output.filter((l) => / error /.test(l))) {
      // path:line:col  error  what — what to do  [rule]: every message names its file and line
      expect(line).toMatch(/^[\w./-]+:\d+:\d+  error  .+ — .+  \[[a-z0-9-]+\]$/);
    }
    const expectedFile = path.join(casesDir, name, 'expected.txt');
    const actual = output.join('\n') + '\n';
    if (!existsSync(expectedFile) && process.env.CI && !process.env.UPDATE) {
      expect.fail(`tests/fixtures/errors/${name}/expected.txt is missing: run the test once without CI (or with UPDATE=1) and review what it writes`);
    }
    if (!existsSync(expectedFile) || process.env.UPDATE) writeFileSync(expectedFile, actual);
    expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });
});

describe('bad input that a fixture cannot hold: symbolic links', () => {
  it('a chapter that links to a file outside the report is refused (never published), a folder that links back into itself is not followed', async () => {
    const root = reportCopy('mini');
    cpSync(goodDist, path.join(root, 'dist'), { recursive: true });
    const before = snapshot(path.join(root, 'dist'));
    const outside = mkdtempSync(path.join(tmpdir(), 'outside-'));
    const chapter = path.join(root, 'content', 'en', '01-main.md');
    // A whole, valid chapter: followed, it would be built and published.
    writeFileSync(path.join(outside, 'chapter.md'), readFileSync(chapter, 'utf8').replace('Output in 2020 was', 'SECRET-OUTSIDE Output in 2020 was'));
    renameSync(chapter, `${chapter}.orig`);
    symlinkSync(path.join(outside, 'chapter.md'), chapter);
    symlinkSync(path.join(root, 'data'), path.join(root, 'data', 'charts', 'loop'));
    const r = await cli(['build', '--root', root, '--format', 'html', '--quiet']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
    expect(r.stderr.split('\n').filter((l) => /\s(error|warning)\s/.test(l) && !/\[(pending-figure|parity|stale-translation)\]/.test(l))).toEqual([
      `content/en/01-main.md:1:1  error  The path "content/en/01-main.md (a link to ${path.join(outside, 'chapter.md')})" leads outside the report root — keep every file inside the report folder  [outside-root]`,
    ]);
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });
});
