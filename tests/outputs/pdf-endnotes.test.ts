import path from 'node:path';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { newSession, settled } from '../../scripts/context.js';
import { checkPdfUa } from '../../scripts/outputs/pdf/ua-check.js';
import { closeTestBrowser, options, reportCopy } from '../helpers.js';
import { readPdf, squash, type Pdf } from '../pdf.js';

/**
 * report.yaml `notes: endnotes` (outputs/pdf/endnotes.ts): the mini report (one note) with a second chapter of six
 * paragraphs, each citing a note, both editions printed. No chapter ends with its notes; the last pages hold
 * every note, in order, under the theme's title and a subheading per chapter; the marks link to their notes.
 */
const session = newSession();
let root = '';
const built: Record<string, Pdf> = {};
const logs: string[] = [];
const bytes: Record<string, Uint8Array> = {};

const title = { en: 'II. Second chapter', zh: '二、第二章' };
const firstTitle = { en: 'I. Test chapter', zh: '一、测试章节' };
const heading = { en: 'Notes', zh: '注释' };
/** The start of the mini chapter's note (its source's name alone is also a figure's source line). */
const miniNote = { en: 'Test source (测试来源), 1 January', zh: '测试来源（2024-01-01）' };

/** The second chapter: six paragraphs of about a third of a page, each ending with a note (`e1` … `e6`). */
function chapter(lang: 'en' | 'zh'): string {
  const words = lang === 'en' ? 'Some words about the market and its growth. ' : '关于市场与增长的一些文字。';
  const body = [1, 2, 3, 4, 5, 6].map((p) => `${words.repeat(lang === 'en' ? 12 : 30)}[^e${p}]`);
  const notes = [1, 2, 3, 4, 5, 6].map((p) => `[^e${p}]: e${p}note ${lang === 'en' ? 'A note.' : '一条注释。'}`);
  return `---\nid: second\ntitle: ${title[lang]}\n---\n\n# ${title[lang]} {#second}\n\n${[...body, ...notes].join('\n\n')}\n`;
}

beforeAll(async () => {
  root = reportCopy('mini');
  appendFileSync(path.join(root, 'report.yaml'), 'notes: endnotes\n');
  for (const lang of ['en', 'zh'] as const)
    writeFileSync(path.join(root, 'content', lang, '02-second.md'), chapter(lang));
  const out = path.join(root, 'dist');
  try {
    await build(options(root, out, { session, log: (line: string) => logs.push(line) }));
  } finally {
    await settled(session);
  }
  for (const lang of ['en', 'zh']) {
    const file = path.join(out, lang, `mini-report-${lang}.pdf`);
    built[lang] = await readPdf(file);
    bytes[lang] = readFileSync(file);
  }
});

afterAll(async () => {
  await closeTestBrowser();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.each(['en', 'zh'] as const)('notes: endnotes, the %s edition', (lang) => {
  /** The 1-based page that holds this text, squashed. */
  const pageOf = (text: string) => built[lang]!.pages.findIndex((p) => squash(p.text).includes(squash(text))) + 1;

  it('no chapter ends with its notes: every note is printed after the last chapter text', () => {
    const pages = built[lang]!.pages;
    const lastBody = Math.max(
      ...pages.map((p, i) => (squash(p.text).includes(squash(lang === 'en' ? 'its growth.' : '增长')) ? i + 1 : 0)),
    );
    const notes = ['e1note', 'e2note', 'e3note', 'e4note', 'e5note', 'e6note'].map(pageOf);
    for (const on of notes) expect(on).toBeGreaterThan(lastBody);
    // The mini chapter's one note (its source's name) too, though its chapter comes first.
    expect(pageOf(miniNote[lang])).toBeGreaterThan(lastBody);
  });

  it("the last pages hold every note in order, under the theme's title and a heading per chapter", () => {
    const pages = built[lang]!.pages;
    const from = pageOf(heading[lang]) - 1;
    const tail = squash(
      pages
        .slice(from)
        .map((p) => p.text)
        .join(''),
    );
    const order = [
      heading[lang],
      firstTitle[lang],
      miniNote[lang],
      title[lang],
      ...[1, 2, 3, 4, 5, 6].map((p) => `e${p}note`),
    ].map((s) => tail.indexOf(squash(s)));
    for (const [i, at] of order.entries()) expect(at, String(i)).toBeGreaterThan(i ? order[i - 1]! : -1);
    // The title and the chapters' headings are bookmarks, the chapters' under the title.
    const outline = built[lang]!.outline;
    const top = outline.find((o) => o.title === heading[lang])!;
    expect(top).toMatchObject({ page: from + 1 });
    const subs = outline.filter((o) => o.title === firstTitle[lang] || o.title === title[lang]);
    expect(subs.filter((o) => o.depth > top.depth && o.page! >= from + 1)).toHaveLength(2);
  });

  it("every reference mark links to its note's page, and the note back to the mark's", () => {
    const pages = built[lang]!.pages;
    const marks = pages.flatMap((p, i) =>
      p.links.filter((l) => l.dest?.startsWith('note-')).map((l) => ({ on: i + 1, to: l.page, dest: l.dest! })),
    );
    expect(marks).toHaveLength(7);
    for (const m of marks) {
      const id = m.dest.replace(/^note-/, '');
      // The note's text starts with its id (the mini chapter's is its source).
      const on = id.startsWith('e') ? pageOf(`${id}note`) : pageOf(miniNote[lang]);
      expect(m.to, m.dest).toBe(on);
      const back = pages[on - 1]!.links.find((l) => l.dest === `ref-${id}`);
      expect(back?.page, `ref-${id}`).toBe(m.on);
    }
  });

  it('is printed once', () => {
    expect(logs.filter((l) => l.startsWith(`print-pdf          ${lang}: `) && l.includes('pass(es)'))).toEqual([
      expect.stringMatching(/ 1 pass\(es\)$/),
    ]);
  });

  it('is tagged as PDF/UA-1 asks (the checker finds nothing)', async () => {
    expect(await checkPdfUa(bytes[lang]!)).toEqual([]);
  });

  it('the web edition keeps the notes at the end of each chapter', () => {
    const html = readFileSync(path.join(root, 'dist', lang, 'index.html'), 'utf8');
    expect(html.match(/role="doc-endnotes"/g)).toHaveLength(2);
    expect(html).not.toContain('print-endnotes');
  });
});
