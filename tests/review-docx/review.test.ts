import path from 'node:path';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { cli, closeTestBrowser, options, overlay, repo, reportCopy } from '../helpers.js';
import { markUp, type Edit, type Reviewer } from './word-markup.js';

/**
 * A DOCX edition reviewed in Word and read back: the mini report's Chinese DOCX, built, then marked up with
 * Word's own markup (tracked replacements and a deletion, a comment with its range, a formatting change, one
 * in a footnote), read by `npm run review` to the Markdown line each belongs to; `--apply` writes the text
 * changes into the chapter (not the number from data) and the English units become stale, nothing else. With
 * the citations overlay, a change in a note made from the bibliography is read back to its reference's entry.
 */
const root = reportCopy('mini');
overlay(root, path.join(repo, 'tests', 'fixtures', 'overlays', 'citations'));
const out = path.join(root, 'dist');
const reviewed = path.join(root, 'reviewed-zh.docx');
const wang = { author: '王审稿', date: '2026-12-01T09:30:00Z' };
const jane = { author: 'Jane Reviewer', date: '2026-12-02T16:05:00Z' };
const edits: (Edit & Reviewer)[] = [
  { kind: 'replace', find: '增长', by: '成长', ...wang },
  { kind: 'replace', find: '产出为', by: '产值为', ...wang },
  { kind: 'replace', find: '1510.81', by: '1510.9', ...jane },
  { kind: 'comment', on: '占比', text: '请核对来源', ...jane },
  { kind: 'bold', on: '产出增长', ...jane },
  { kind: 'delete', find: '测试', part: 'word/footnotes.xml', ...wang },
  { kind: 'delete', find: '图书情报工作', part: 'word/footnotes.xml', ...jane },
];
const expected = [
  'content/zh/01-main.md:8  王审稿  2026-12-01  deleted “增长” inserted “成长”',
  'content/zh/01-main.md:10  王审稿  2026-12-01  deleted “产出为” inserted “产值为”',
  'content/zh/01-main.md:10  Jane Reviewer  2026-12-02  deleted “1510.81” inserted “1510.9” — “1510.81 亿元” is {{num "output-2020"}} from data/growth.csv:3: change the data, not the prose',
  'content/zh/01-main.md:10  Jane Reviewer  2026-12-02  commented “请核对来源” on “占比”',
  'data/figures.yaml:1  Jane Reviewer  2026-12-02  formatted “产出增长”: bold',
  'content/zh/01-main.md:20  王审稿  2026-12-01  deleted “测试”',
  'data/references.json:2  Jane Reviewer  2026-12-02  deleted “图书情报工作”',
];

beforeAll(async () => {
  await build(options(root, out, { formats: ['docx'] }));
  writeFileSync(reviewed, await markUp(readFileSync(path.join(out, 'zh', 'mini-report-zh.docx')), edits));
});
afterAll(async () => {
  await closeTestBrowser();
  rmSync(root, { recursive: true, force: true });
});

describe('npm run review', () => {
  it('lists every change and comment at its Markdown line, with reviewer and date, and writes the page beside the file', async () => {
    const r = await cli(['review', reviewed, '--root', root]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .split('\n')
      .slice(1)
      .map((l) => l.trim())
      .filter(Boolean);
    expect(lines).toEqual(expected);
    const page = readFileSync(path.join(root, 'reviewed-zh.review.html'), 'utf8');
    expect(page).toContain('请核对来源');
    expect(page).toContain('<del>1510.81</del><ins>1510.9</ins>');
    expect(page).toContain('content/zh/01-main.md:10');
    expect(page, 'the text around the change').toContain('2020 年');
  });

  it('--apply writes the text changes into the chapter, lists the number from data, and leaves only stale translations', async () => {
    const chapter = path.join(root, 'content', 'zh', '01-main.md');
    const problemsOf = (stderr: string) => stderr.split('\n').filter((l) => /\[[a-z-]+\]$/.test(l));
    // (the overlay's own: a reference never cited, a chapter never aligned)
    const before = problemsOf((await cli(['check', '--root', root])).stderr);
    const r = await cli(['review', reviewed, '--root', root, '--apply']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /not applied {2}content\/zh\/01-main\.md:10 {2}Jane Reviewer .*1510\.81.* — a number from data/,
    );
    expect(r.stdout).toMatch(
      /not applied {2}data\/references\.json:2 {2}Jane Reviewer .*图书情报工作.* — not in a chapter’s Markdown/,
    );
    const lines = readFileSync(chapter, 'utf8').split('\n');
    expect(lines[7]).toBe('## 1. 成长 {#growth}');
    expect(lines[9]).toMatch(/^2020 年产值为 \{\{num "output-2020"\}\}，占比 \{\{num "share-2020"\}\}/);
    expect(lines[19]).toBe('[^n1]: 来源（2024-01-01），“样例”，<https://example.org/a>');
    const check = await cli(['check', '--root', root]);
    const problems = problemsOf(check.stderr).filter((l) => !before.includes(l));
    expect(problems.length).toBe(3);
    for (const p of problems)
      expect(p).toMatch(/^content\/zh\/01-main\.md:(8|10|20):\d+ {2}warning .*\[stale-translation\]$/);
    await build(options(root, out, { formats: ['html'] }));
    expect(readFileSync(path.join(out, 'zh', 'index.html'), 'utf8')).toContain('2020 年产值为');
  });

  it('says in one line when the file is not a DOCX edition the build wrote', async () => {
    const notDocx = path.join(root, 'report.yaml');
    const r = await cli(['review', notDocx, '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^.*report\.yaml {2}error {2}Cannot read the review: the file is not a DOCX file .*\[review-file\]\n/,
    );
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(existsSync(path.join(root, 'report.review.html'))).toBe(false);
  });
});
