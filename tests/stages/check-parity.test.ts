import path from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, reportCopy } from '../helpers.js';

/** Fixture reports with one divergence each: `npm run check` must fail and name it. */
describe('npm run check', () => {
  it('passes on the mini report', async () => {
    const r = await cli(['check', '--root', reportCopy('mini')]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('names a deleted English chapter', async () => {
    const root = reportCopy('mini');
    rmSync(path.join(root, 'content', 'en', '01-main.md'));
    const r = await cli(['check', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'content/zh/01-main.md:1:1  error  The chapter "main" has no counterpart in the English edition',
    );
  });

  it('names a figure removed from one edition, with file and line', async () => {
    const root = reportCopy('mini');
    const en = path.join(root, 'content', 'en', '01-main.md');
    writeFileSync(en, readFileSync(en, 'utf8').replace('{{figure "fig:later"}}\n', ''));
    const r = await cli(['check', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /content\/zh\/01-main\.md:16:\d+ {2}error {2}The figure "fig:later" has no counterpart in the English edition/,
    );
  });

  it('names a section, a note and a data reference missing from one edition', async () => {
    const root = reportCopy('mini');
    const en = path.join(root, 'content', 'en', '01-main.md');
    writeFileSync(
      en,
      readFileSync(en, 'utf8')
        .replace('## 1. Growth {#growth}', '## 1. Growth {#growth-en}')
        .replace(', a share of {{num "share-2020"}}', '')
        .replace(')[^n1].', ').')
        .replace(/\[\^n1\]:.*\n/, ''),
    );
    const r = await cli(['check', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The section {#growth} has no counterpart in the English edition');
    expect(r.stderr).toContain('The section {#growth-en} is only in the English edition');
    expect(r.stderr).toContain('The note [^n1] has no counterpart in the English edition');
    expect(r.stderr).toContain('The data reference {{num "share-2020"}} has no counterpart in the English edition');
  });

  it('says a translation without its sidecar has no record yet (not that it changed), and does not fail', async () => {
    const root = reportCopy('mini');
    rmSync(path.join(root, 'content', 'en', '01-main.align.yaml'));
    const r = await cli(['check', '--root', root]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.trim()).toBe(
      'content/en/01-main.md:1:1  warning  No record of the Chinese text this chapter was translated from (content/en/01-main.align.yaml is missing) — once the translation is in step, record it: npm run check -- --accept content/en/01-main.md  [no-alignment]',
    );
    expect(r.stderr).not.toContain('Changed since');
  });

  it('passes on the repository report', async () => {
    const r = await cli(['check']);
    expect(r.code, r.stderr).toBe(0);
  });
});
