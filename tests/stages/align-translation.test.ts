import path from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli, options, overlay, repo, reportCopy } from '../helpers.js';
import { prepare } from '../../scripts/build.js';
import { formatDiagnostic } from '../../scripts/diagnostics/catalogue.js';
import type { DevCache } from '../../scripts/incremental/dev-cache.js';

/**
 * The translation kept in step unit by unit: `npm run check` on a copy of a report with one change
 * names exactly the unit that changed (Chinese file:line, the English file:line to revise, the change),
 * and `--accept` records the revision. On tests/fixtures/aligned (laid over the mini report) and on the
 * repository's own report.
 */
function aligned(): string {
  const root = reportCopy('mini');
  overlay(root, path.join(repo, 'tests', 'fixtures', 'aligned'));
  return root;
}

function edit(root: string, rel: string, from: string | RegExp, to: string): void {
  const file = path.join(root, rel);
  const text = readFileSync(file, 'utf8');
  expect(text, `${rel} holds ${from}`).toMatch(from);
  writeFileSync(file, text.replace(from, to));
}

/** The catalogue lines a run printed (the pending-figure warning of a build aside). */
const findings = (stderr: string) =>
  stderr.split('\n').filter((l) => /\s(error|warning)\s/.test(l) && !l.includes('[pending-figure]'));

const zh = 'content/zh/01-main.md';
const en = 'content/en/01-main.md';
const sidecar = 'content/en/01-main.align.yaml';

describe('npm run check on a translation kept in step', () => {
  it('passes when every unit is in step, also with --strict', async () => {
    const r = await cli(['check', '--root', aligned(), '--strict']);
    expect(r.code, r.stderr).toBe(0);
    expect(findings(r.stderr)).toEqual([]);
  });

  it('names a changed Chinese sentence at its line, with the English line to revise and the change; --strict makes it an error', async () => {
    const root = aligned();
    edit(root, zh, '第一阶段以加工贸易为主，企业规模较小。', '第一阶段以加工贸易为主，企业规模普遍较小。');
    const r = await cli(['check', '--root', root]);
    expect(r.code).toBe(1);
    expect(findings(r.stderr)).toEqual([
      `${zh}:14:17  warning  Changed since ${en}:14 was translated: “第一阶段以加工贸易为主，企业规模较小。” → “第一阶段以加工贸易为主，企业规模{+普遍+}较小。” — revise the translation at ${en}:14, then record it: npm run check -- --accept ${en}:14  [stale-translation]`,
    ]);
    const strict = await cli(['check', '--root', root, '--strict']);
    expect(strict.code).toBe(1);
    expect(findings(strict.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^${zh}:14:17  error  Changed since ${en}:14 was translated`)),
    ]);
  });

  it('--accept FILE:LINE records the current Chinese for that unit only, and clears the report', async () => {
    const root = aligned();
    const before = readFileSync(path.join(root, sidecar), 'utf8');
    edit(root, zh, '第一阶段以加工贸易为主，企业规模较小。', '第一阶段以加工贸易为主，企业规模普遍较小。');
    const r = await cli(['check', '--root', root, '--accept', `${en}:14`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`recorded the source text of 1 unit(s) in ${sidecar}`);
    expect(findings(r.stderr)).toEqual([]);
    const after = readFileSync(path.join(root, sidecar), 'utf8');
    const changed = after.split('\n').filter((l, i) => l !== before.split('\n')[i]);
    expect(changed).toEqual(['    source: 第一阶段以加工贸易为主，企业规模普遍较小。']);
  });

  it('--accept takes the Chinese place as the messages print it, or a whole chapter', async () => {
    const root = aligned();
    edit(root, zh, '完善资金支持。', '完善资金与政策支持。');
    edit(root, zh, '最后，两地应', '最后，深港两地应');
    expect((await cli(['check', '--root', root])).code).toBe(1);
    const one = await cli(['check', '--root', root, '--accept', `${zh}:27:5`]);
    expect(one.code).toBe(1);
    expect(findings(one.stderr)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${zh}:37:4  warning  Changed since ${en}:37 was translated: “最后，两地应共同推进合作\\[\\^n2\\]。” → “最后，\\{\\+深港\\+\\}两地`,
        ),
      ),
    ]);
    const all = await cli(['check', '--root', root, '--accept', en]);
    expect(all.code, all.stderr).toBe(0);
  });

  it('refuses an --accept that names no unit, and writes nothing', async () => {
    const root = aligned();
    const before = readFileSync(path.join(root, sidecar), 'utf8');
    const r = await cli(['check', '--root', root, '--accept', `${en}:13`, '--accept', 'content/en/09-none.md']);
    expect(r.code).toBe(1);
    expect(findings(r.stderr)).toEqual([
      `${en}:13:1  error  No heading, paragraph, list item, table cell, note or caption at line 13 — name a line of the unit, as the messages do  [accept-target]`,
      'content/en/09-none.md:1:1  error  "content/en/09-none.md" is not a chapter of the report — name a chapter as the messages do: content/<lang>/NN-slug.md[:LINE]  [accept-target]',
    ]);
    expect(readFileSync(path.join(root, sidecar), 'utf8')).toBe(before);
  });

  it('catches a number changed in one English paragraph only, naming both places', async () => {
    const root = aligned();
    edit(root, en, 'Over the past 40 years', 'Over the past 45 years');
    edit(root, en, 'with 500 people trained', 'with 50 people trained');
    const r = await cli(['check', '--root', root]);
    expect(r.code).toBe(1);
    expect(findings(r.stderr)).toEqual([
      `${en}:12:15  warning  This paragraph and its Chinese source ${zh}:12 differ: 40 only in the Chinese; 45 only in the English — correct whichever side is wrong; if both are right (a link to each edition's own page), record the difference as meant: npm run check -- --accept ${en}:12  [pair-mismatch]`,
      `${en}:26:29  warning  This list item and its Chinese source ${zh}:26 differ: 500 only in the Chinese; 50 only in the English — correct whichever side is wrong; if both are right (a link to each edition's own page), record the difference as meant: npm run check -- --accept ${en}:26  [pair-mismatch]`,
    ]);
  });

  it('catches a {{num}}, a note or a link on one side of a pair only', async () => {
    const root = aligned();
    edit(root, en, ', a share of {{num "share-2020"}}', '');
    edit(root, en, 'advance cooperation together[^n2].', 'advance cooperation together.');
    edit(root, en, 'Improve financial support.', 'Improve financial support (see <https://example.org/c>).');
    const r = await cli(['check', '--root', root]);
    expect(r.code).toBe(1);
    const lines = findings(r.stderr);
    expect(lines).toContain(
      `${en}:10:1  warning  This paragraph and its Chinese source ${zh}:10 differ: {{num "share-2020"}} only in the Chinese — correct whichever side is wrong; if both are right (a link to each edition's own page), record the difference as meant: npm run check -- --accept ${en}:10  [pair-mismatch]`,
    );
    expect(lines).toContain(
      `${en}:37:1  warning  This paragraph and its Chinese source ${zh}:37 differ: [^n2] only in the Chinese — correct whichever side is wrong; if both are right (a link to each edition's own page), record the difference as meant: npm run check -- --accept ${en}:37  [pair-mismatch]`,
    );
    expect(lines).toContain(
      `${en}:27:34  warning  This list item and its Chinese source ${zh}:27 differ: https://example.org/c only in the English — correct whichever side is wrong; if both are right (a link to each edition's own page), record the difference as meant: npm run check -- --accept ${en}:27  [pair-mismatch]`,
    );
    expect(lines.filter((l) => /\[(stale|orphan|untranslated|unrecorded)-/.test(l))).toEqual([]);
  });

  it('takes a note marker followed by a colon for a marker on both sides (no pair out of step, also with --strict)', async () => {
    const root = aligned();
    edit(root, en, 'advance cooperation together[^n2].', 'advance cooperation together[^n2]: in science first.');
    const r = await cli(['check', '--root', root, '--strict']);
    expect(findings(r.stderr)).toEqual([]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('accepts a difference meant at one line (a link to each edition own page) until either side changes it', async () => {
    const root = aligned();
    edit(root, zh, '<https://example.org/a>', '<https://example.org/sc/a>');
    edit(root, en, '<https://example.org/a>', '<https://example.org/en/a>');
    const differ = `differ: https://example.org/sc/a only in the Chinese; https://example.org/en/a only in the English`;
    // The Chinese changed (stale); recorded at the English note's line, the source and the difference are.
    const accepted = await cli(['check', '--root', root, '--accept', `${en}:41`]);
    expect(findings(accepted.stderr)).toEqual([]);
    expect(accepted.code, accepted.stderr).toBe(0);
    const record = parse(readFileSync(path.join(root, sidecar), 'utf8')).units.find(
      (u: { unit: string }) => u.unit === 'note.n1',
    );
    expect(record.differs).toEqual([
      'https://example.org/sc/a only in the Chinese',
      'https://example.org/en/a only in the English',
    ]);
    expect((await cli(['check', '--root', root, '--strict'])).code).toBe(0);
    // The English link changed again: the pair is reported, with both differences.
    edit(root, en, '<https://example.org/en/a>', '<https://example.org/en/b>');
    const again = await cli(['check', '--root', root]);
    expect(again.code).toBe(1);
    expect(findings(again.stderr)).toEqual([expect.stringContaining(`${en}:41:`)]);
    expect(findings(again.stderr)[0]).toContain(differ.replace('/en/a', '/en/b'));
  });

  it('says how many of the findings listed are the translation out of step, and which', async () => {
    const root = aligned();
    edit(root, en, 'Over the past 40 years', 'Over the past 45 years');
    edit(root, zh, '第一阶段以加工贸易为主，企业规模较小。', '第一阶段以加工贸易为主，企业规模普遍较小。');
    // A warning that is not the translation's: a figure declared and placed nowhere.
    const figures = path.join(root, 'data', 'figures.yaml');
    writeFileSync(
      figures,
      readFileSync(figures, 'utf8') +
        '\nfig:unplaced:\n  caption: { zh: 未放置, en: Unplaced }\n  source: { zh: 来源, en: Source }\n  description: { zh: 无, en: None }\n',
    );
    const r = await cli(['check', '--root', root]);
    expect(r.code).toBe(1);
    const listed = r.stderr.split('\n').filter((l) => /\s(error|warning)\s/.test(l));
    const outOfStep = listed.filter((l) => /\[(stale-translation|pair-mismatch)\]$/.test(l));
    expect(outOfStep).toHaveLength(2);
    expect(listed.length, 'other warnings are listed too').toBeGreaterThan(2);
    const verdict = r.stderr.split('\n').find((l) => l.startsWith('check failed'));
    expect(verdict).toMatch(
      new RegExp(`^check failed: 2 of the ${listed.length} finding\\(s\\) above are the translation out of step \\(`),
    );
    expect(verdict).toContain('1 [stale-translation]');
    expect(verdict).toContain('1 [pair-mismatch]');
    expect(verdict).toContain(`the other ${listed.length - 2} do not fail the check`);
  });

  it('reports a Chinese paragraph added as exactly that, and is in step once it is translated and recorded', async () => {
    const root = aligned();
    edit(
      root,
      zh,
      '第一阶段以加工贸易为主，企业规模较小。\n',
      '第一阶段以加工贸易为主，企业规模较小。\n\n这一时期的企业多为中小企业。\n',
    );
    const r = await cli(['check', '--root', root]);
    expect(r.code).toBe(1);
    expect(findings(r.stderr)).toEqual([
      `${zh}:16:1  warning  This paragraph has no English translation: “这一时期的企业多为中小企业。” — translate it after ${en}:14, then record it: npm run check -- --accept ${en}:LINE  [untranslated-unit]`,
    ]);
    edit(
      root,
      en,
      'firms were small.\n',
      'firms were small.\n\nMost firms of the period were small and medium-sized.\n',
    );
    const unrecorded = await cli(['check', '--root', root]);
    expect(findings(unrecorded.stderr)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${en}:16:1  warning  No Chinese source text is recorded for this paragraph \\(it stands where ${zh}:16 does\\)`,
        ),
      ),
    ]);
    const accepted = await cli(['check', '--root', root, '--accept', `${en}:16`, '--strict']);
    expect(accepted.code, accepted.stderr).toBe(0);
  });

  it('reports a Chinese paragraph deleted as exactly that', async () => {
    const root = aligned();
    edit(root, zh, '第二阶段以技术引进为主，九成企业设在园区。\n\n', '');
    const r = await cli(['check', '--root', root]);
    expect(r.code).toBe(1);
    expect(findings(r.stderr)).toEqual([
      `${en}:16:1  warning  This paragraph translates Chinese text that is no longer in ${zh}: “第二阶段以技术引进为主，九成企业设在园区。” — delete it (or restore its source), then record the chapter: npm run check -- --accept ${en}  [orphan-translation]`,
    ]);
  });

  it('keeps the other pairs when the translator adds an English paragraph and rewords the next one', async () => {
    const root = aligned();
    edit(
      root,
      en,
      'Over the past 40 years, local industry has gone through three stages.',
      'A paragraph only the English has.\n\nIn the last 40 years, local industry went through three stages.',
    );
    const r = await cli(['check', '--root', root]);
    expect(findings(r.stderr)).toEqual([
      `${en}:12:1  warning  This paragraph has no Chinese counterpart — delete it (or restore its source), then record the chapter: npm run check -- --accept ${en}  [orphan-translation]`,
    ]);
  });

  it('accepts an old source-hash with a warning (other reports keep building), and asks for the record', async () => {
    const root = aligned();
    rmSync(path.join(root, sidecar));
    edit(root, en, 'title: I. Test chapter\n', 'title: I. Test chapter\nsource-hash: ad12d0e171cb\n');
    const r = await cli(['check', '--root', root]);
    expect(r.code, r.stderr).toBe(0);
    expect(findings(r.stderr)).toEqual([
      `${en}:4:1  warning  "source-hash" is no longer used: the translation is followed unit by unit in ${sidecar} — delete the line; npm run check -- --accept ${en} records the alignment once the translation is in step  [obsolete-source-hash]`,
      `${en}:1:1  warning  No record of the Chinese text this chapter was translated from (${sidecar} is missing) — once the translation is in step, record it: npm run check -- --accept ${en}  [no-alignment]`,
    ]);
    expect((await cli(['check', '--root', root, '--strict'])).code).toBe(1);
  });
});

describe('npm run check on a copy of the repository report', () => {
  const status = { zh: 'content/zh/02-status.md', en: 'content/en/02-status.md' };

  it('names one changed sentence, with the change, and nothing else; --accept clears it', async () => {
    const root = reportCopy('real');
    edit(root, status.zh, '第二，创新转化激励机制不足。', '第二，创新成果转化激励机制明显不足。');
    const r = await cli(['check', '--root', root]);
    expect(r.code).toBe(1);
    const lines = findings(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^${status.zh}:16:\\d+  warning  Changed since ${status.en}:16 was translated: “…[^”]*第二，创新转化激励[^”]*” → “…[^”]*第二，创新\\{\\+成果\\+\\}转化激励机制\\{\\+明显\\+\\}不足[^”]*” — revise the translation at ${status.en}:16`,
      ),
    );
    const accepted = await cli(['check', '--root', root, '--accept', `${status.en}:16`, '--strict']);
    expect(accepted.code, accepted.stderr).toBe(0);
  });

  it('catches a number changed in one English paragraph, naming both places', async () => {
    const root = reportCopy('real');
    edit(root, status.en, 'Over the past 40 years, Shenzhen', 'Over the past 45 years, Shenzhen');
    const r = await cli(['check', '--root', root]);
    expect(findings(r.stderr)).toEqual([
      `${status.en}:34:15  warning  This paragraph and its Chinese source ${status.zh}:34 differ: 40 only in the Chinese; 45 only in the English — correct whichever side is wrong; if both are right (a link to each edition's own page), record the difference as meant: npm run check -- --accept ${status.en}:34  [pair-mismatch]`,
    ]);
  });

  it('reports a Chinese paragraph added, and one deleted, as exactly that', async () => {
    const root = reportCopy('real');
    const rec = 'content/zh/04-recommendations.md';
    edit(root, rec, /\n（2）科研物资过境方面[^\n]*\n/, '\n');
    edit(
      root,
      status.zh,
      '{{figure "fig:hk-rd-funding-2021"}}\n',
      '{{figure "fig:hk-rd-funding-2021"}}\n\n香港的科研经费近年有所增加。\n',
    );
    const r = await cli(['check', '--root', root]);
    expect(r.code).toBe(1);
    expect(findings(r.stderr).map((l) => l.replace(/ — .*\[/, ' [').replace(/: “.*” \[/, ' ['))).toEqual([
      `${status.zh}:24:1  warning  This paragraph has no English translation [untranslated-unit]`,
      'content/en/04-recommendations.md:22:1  warning  This paragraph translates Chinese text that is no longer in content/zh/04-recommendations.md [orphan-translation]',
    ]);
  });
});

describe("dev mode, which keeps each chapter's alignment between rebuilds", () => {
  /** Load and align the report as a dev rebuild does, with the session's cache: its findings, and its alignment. */
  const rebuild = async (root: string, devCache: DevCache) => {
    const prep = await prepare(options(root, path.join(root, 'dist'), { formats: ['html'], devCache }));
    return {
      findings: findings(prep.ctx.diagnostics.list.map(formatDiagnostic).join('\n')),
      alignment: prep.alignment,
    };
  };

  it('reports what a fresh check reports after each save: a changed source, its sidecar recorded, and nothing changed', async () => {
    const root = aligned();
    const devCache: DevCache = new Map();
    const first = await rebuild(root, devCache);
    expect(first.findings).toEqual([]);
    // Nothing changed: the kept alignment itself is handed out.
    const again = await rebuild(root, devCache);
    expect(again.findings).toEqual([]);
    expect(again.alignment.translations[0]!.chapters[0]).toBe(first.alignment.translations[0]!.chapters[0]);
    edit(root, zh, '第一阶段以加工贸易为主，企业规模较小。', '第一阶段以加工贸易为主，企业规模普遍较小。');
    const changed = await rebuild(root, devCache);
    expect(changed.findings).toEqual([
      expect.stringMatching(new RegExp(`^${zh}:14:17  warning  Changed since ${en}:14 was translated`)),
    ]);
    // Reported again while nothing changes (kept with its findings).
    expect((await rebuild(root, devCache)).findings).toEqual(changed.findings);
    // Recording the revision changes only the sidecar: the chapter is aligned again, and the warning goes.
    const accepted = await cli(['check', '--root', root, '--accept', `${en}:14`]);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect((await rebuild(root, devCache)).findings).toEqual([]);
  });
});
