import path from 'node:path';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
