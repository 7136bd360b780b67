import path from 'node:path';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { newSession, settled } from '../../scripts/context.js';
import { cli, closeTestBrowser, options, reportCopy } from '../helpers.js';
import { readPdf, squash, type Pdf, type PdfLine } from '../pdf.js';

/**
 * Footnotes, the print default (report.yaml `notes: footnotes`, outputs/pdf/footnotes.ts): the mini report with a
 * generated second chapter of many notes (a paragraph citing twelve, one note of 2,000 characters, one cited in a list item), both editions
 * printed, numbered by page (`noteNumbering: page`). Every note's text starts on the page of its reference mark,
 * below the page's last line of body text; each page's marks and notes are numbered from 1 alike; no body text is
 * lost; the web edition keeps the notes at the chapter's end.
 */
const session = newSession();
let root = '';
const logs: string[] = [];
const built: Record<string, Pdf> = {};

const vocab = {
  en: 'policy trade region market growth capital labour research industry network finance transport energy service output partner capacity exchange'.split(
    ' ',
  ),
  zh: '合作发展市场区域产业创新科技金融贸易投资服务能源交通人才政策制度'.split(''),
};

/** Deterministic text: `n` words (English) or characters (Chinese), from `seed`. */
function text(lang: 'en' | 'zh', seed: number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = vocab[lang][(seed * 7 + i * 13 + ((i * i) % 5)) % vocab[lang].length]!;
    out.push(lang === 'zh' && i % 17 === 16 ? `${w}，` : w);
  }
  return lang === 'en' ? `${out.join(' ')}.` : `${out.join('')}。`;
}

interface Chapter {
  md: string;
  /** The paragraphs' text without their note marks, as the body prints it. */
  paragraphs: string[];
  /** Note id → the start of its text. */
  notes: Map<string, string>;
}

/** The generated chapter: 24 paragraphs, every second citing a note; the 7th twelve; the 11th the long note. */
function chapter(lang: 'en' | 'zh'): Chapter {
  const size = lang === 'en' ? 90 : 260;
  const paragraphs: string[] = [];
  const notes = new Map<string, string>();
  const body: string[] = [
    lang === 'en' ? '# II. Footnote test {#fn-test}' : '# 二、脚注测试 {#fn-test}',
    lang === 'en' ? '## 1. Many notes {#fn-many}' : '## 1. 多个注释 {#fn-many}',
  ];
  const cite = (id: string, note: string) => {
    notes.set(id, note);
    return `[^${id}]`;
  };
  for (let p = 1; p <= 24; p++) {
    const words = text(lang, p, size);
    paragraphs.push(words);
    const cut = Math.floor(words.length / 2);
    const mark = lang === 'en' ? words.lastIndexOf(' ', cut) : cut;
    let marks = '';
    if (p === 7) for (let t = 1; t <= 12; t++) marks += cite(`t${t}`, `t${t} ${text(lang, 100 + t, 6)}`);
    else if (p === 11) marks = cite('long', `long ${text(lang, 200, lang === 'en' ? 300 : 2000)}`.slice(0, 2000));
    else if (p % 2 === 0) marks = cite(`g${p}`, `g${p} ${text(lang, 300 + p, p % 4 ? 8 : 40)}`);
    body.push(`${words.slice(0, mark)}${marks}${words.slice(mark)}`);
    if (p === 15) {
      const items = [1, 2, 3].map((i) => text(lang, 400 + i, lang === 'en' ? 12 : 30));
      paragraphs.push(...items);
      body.push(items.map((t, i) => `- ${t}${i === 1 ? cite('li', `li ${text(lang, 500, 10)}`) : ''}`).join('\n'));
    }
  }
  for (const [id, note] of notes) body.push(`[^${id}]: ${note}`);
  return {
    md: `---\nid: fn-test\ntitle: ${lang === 'en' ? 'II. Footnote test' : '二、脚注测试'}\n---\n\n${body.join('\n\n')}\n`,
    paragraphs,
    notes,
  };
}

const chapters = { en: chapter('en'), zh: chapter('zh') };

/** A third chapter: paragraphs each ending with a note of 2,000 characters, so that some must be split. */
function longNotes(lang: 'en' | 'zh'): Chapter {
  const notes = new Map<string, string>();
  const paragraphs: string[] = [];
  const body = [lang === 'en' ? '# III. Long notes {#fn-long}' : '# 三、长注释 {#fn-long}'];
  for (let p = 1; p <= 6; p++) {
    // The first paragraph fills most of the page, so that its note, cited at its end, cannot fit whole below it.
    const words = text(lang, 700 + p, p === 1 ? (lang === 'en' ? 290 : 1300) : lang === 'en' ? 80 : 150);
    paragraphs.push(words);
    const note = `s${p} ${text(lang, 800 + p, lang === 'en' ? 320 : 2000)}`.slice(0, 2000);
    notes.set(`s${p}`, note);
    body.push(`${words}[^s${p}]`);
  }
  for (const [id, note] of notes) body.push(`[^${id}]: ${note}`);
  const title = lang === 'en' ? 'III. Long notes' : '三、长注释';
  return { md: `---\nid: fn-long\ntitle: ${title}\n---\n\n${body.join('\n\n')}\n`, paragraphs, notes };
}

const long = { en: longNotes('en'), zh: longNotes('zh') };

beforeAll(async () => {
  // (No `notes:` in report.yaml: footnotes are the print default.)
  root = reportCopy('mini');
  appendFileSync(path.join(root, 'report.yaml'), 'noteNumbering: page\n');
  for (const lang of ['en', 'zh'] as const) {
    writeFileSync(path.join(root, 'content', lang, '02-footnotes.md'), chapters[lang].md);
    writeFileSync(path.join(root, 'content', lang, '03-long-notes.md'), long[lang].md);
  }
  const out = path.join(root, 'dist');
  try {
    await build(options(root, out, { session, log: (line: string) => logs.push(line) }));
  } finally {
    await settled(session);
  }
  for (const lang of ['en', 'zh']) built[lang] = await readPdf(path.join(out, lang, `mini-report-${lang}.pdf`));
});

afterAll(async () => {
  await closeTestBrowser();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Body text: the text area's lines in the body's type size (not the notes, running heads, page numbers or note marks). */
const isBody = (l: PdfLine) => l.size >= 9.8 && l.y > 55 && l.y < 778;
const plain = (s: string) => squash(s).replace(/[-\u00ad]/g, '');

/** Each page's note marks (1-based page → the text painted inside each link to a note, with its destination). */
async function noteMarks(file: string): Promise<{ dest: string; text: string }[][]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, verbosity: 0 })
    .promise;
  const out: { dest: string; text: string }[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const items = (await page.getTextContent()).items.flatMap((i) => ('str' in i && i.str.trim() ? [i] : []));
    const links = ((await page.getAnnotations()) as { subtype: string; rect: number[]; dest?: unknown }[]).filter(
      (a) => a.subtype === 'Link' && typeof a.dest === 'string' && a.dest.startsWith('note-'),
    );
    out.push(
      links.map((a) => {
        const [x1, y1, x2, y2] = a.rect as [number, number, number, number];
        const inside = items.filter((i) => {
          const [x, y] = [i.transform[4]! + i.width / 2, i.transform[5]! + 1];
          return x > x1 && x < x2 && y > y1 && y < y2;
        });
        return { dest: a.dest as string, text: inside.map((i) => i.str).join('') };
      }),
    );
  }
  await doc.destroy();
  return out;
}

describe.each(['en', 'zh'] as const)('notes: footnotes, the %s edition', (lang) => {
  it("noteNumbering: page: each page's marks are numbered from 1, as the notes at its foot", async () => {
    const marks = await noteMarks(path.join(root, 'dist', lang, `mini-report-${lang}.pdf`));
    let pages = 0;
    built[lang]!.pages.forEach((page, i) => {
      const feet = page.lines
        .filter((l) => l.size < 9.8 && l.y > 55 && l.y < 778)
        .flatMap((l) => (/^\d+\.\s/.test(l.text) ? [l.text.replace(/\s+/g, ' ')] : []));
      // (A page without marks: the contents' numbered entries are in that size too.)
      if (!marks[i]!.length) return;
      const numbers = [...new Set(marks[i]!.map((m) => m.text))].sort((a, b) => Number(a) - Number(b));
      expect(numbers, `page ${i + 1}`).toEqual(feet.map((_, k) => String(k + 1)));
      for (const m of marks[i]!) {
        // Each generated note's text starts with its id: the foot's note of the mark's number is that note.
        const id = m.dest.replace(/^note-/, '');
        if (id !== 'n1')
          expect(feet[Number(m.text) - 1], `page ${i + 1}, ${id}`).toMatch(new RegExp(`^${m.text}\\. ${id} `));
      }
      if (numbers.length > 1) pages++;
    });
    expect(pages).toBeGreaterThan(3);
  });

  it('no chapter falls back to notes at its end', () => {
    expect(logs.filter((l) => l.includes('stay at its end') || l.includes('footnotes need')).join('\n')).toBe('');
  });

  it('every reference mark links to its note on its own page', () => {
    const refs = built[lang]!.pages.flatMap((p, i) =>
      p.links.filter((l) => l.dest?.startsWith('note-')).map((l) => ({ on: i + 1, to: l.page, dest: l.dest })),
    );
    // The mini chapter's note and the generated chapter's, each cited once.
    expect(refs).toHaveLength(chapters[lang].notes.size + long[lang].notes.size + 1);
    for (const r of refs) expect(r, r.dest).toMatchObject({ to: r.on });
  });

  it("every note's text starts on its reference's page, below the last line of body text", () => {
    const pdf = built[lang]!;
    const refPage = new Map<string, number>();
    pdf.pages.forEach((p, i) => p.links.forEach((l) => l.dest && refPage.set(l.dest, i + 1)));
    for (const [id, note] of chapters[lang].notes) {
      // (Each note's text starts with its id.)
      const start = plain(note).slice(0, 16);
      // (In the notes' type size: with pages' own numbers, a body word ending in "t" before mark 1 reads as "t1".)
      const small = (p: Pdf['pages'][number]) =>
        plain(
          p.lines
            .filter((l) => l.size < 9.8)
            .map((l) => l.text)
            .join(''),
        );
      const on = pdf.pages.findIndex((p) => small(p).includes(start));
      expect(on + 1, id).toBe(refPage.get(`note-${id}`));
      const page = pdf.pages[on]!;
      const line = page.lines.find((l) => plain(l.text).includes(start.slice(0, 6)))!;
      const lowestBody = Math.min(...page.lines.filter(isBody).map((l) => l.bottom));
      expect(line.top, id).toBeLessThan(lowestBody);
    }
  });

  it("splits a note of 2,000 characters: its first lines on its reference's page, the rest, marked, at the next page's foot", () => {
    const pages = built[lang]!.pages;
    // (Full-width commas are left out: pdf.js may give one a character early or late at a line's end.)
    const bare = (s: string) => s.replace(/，/g, '');
    const notesOf = (i: number) =>
      bare(
        plain(
          pages[i]!.lines.filter((l) => l.size < 9.8 && l.y > 55 && l.y < 778)
            .map((l) => l.text)
            .join(''),
        ),
      );
    const mark = plain(lang === 'en' ? '(continued)' : '（续）');
    let split = 0;
    for (const [id, text] of long[lang].notes) {
      const note = bare(plain(text));
      const on = pages.findIndex((p) => p.links.some((l) => l.dest === `note-${id}`));
      expect(notesOf(on), id).toContain(note.slice(0, 16));
      if (notesOf(on).includes(note.slice(-40))) continue;
      split++;
      // The rest opens the next page's notes, after the mark, below that page's body.
      const next = notesOf(on + 1);
      expect(next.indexOf(mark), id).toBeGreaterThanOrEqual(0);
      expect(next.indexOf(mark), id).toBeLessThan(next.indexOf(note.slice(-40)));
      expect(`${notesOf(on)}${next}`.replace(mark, ''), id).toContain(note);
      const first = pages[on + 1]!.lines.find((l) => plain(l.text).startsWith(mark))!;
      const body = pages[on + 1]!.lines.filter(isBody);
      if (body.length) expect(first.top, id).toBeLessThan(Math.min(...body.map((l) => l.bottom)));
    }
    const s1 = pages.flatMap((p) => p.links.filter((l) => l.dest === 'note-s1').map((l) => l.rect[1]));
    expect(split, `s1 at ${s1}`).toBeGreaterThan(0);
  });

  it('the paragraph citing twelve notes has all twelve at the foot of its page', () => {
    const pages = new Set<number | undefined>();
    built[lang]!.pages.forEach((p, i) =>
      p.links.filter((l) => /^note-t\d+$/.test(l.dest ?? '')).forEach((l) => pages.add(l.page === i + 1 ? i + 1 : -1)),
    );
    expect([...pages]).toHaveLength(1);
    expect([...pages][0]).toBeGreaterThan(0);
  });

  it('no body text is lost: every paragraph is printed whole, in order', () => {
    // (Digits dropped: a note mark may share its line's baseline; the generated text has none.)
    const body = plain(built[lang]!.pages.flatMap((p) => p.lines.filter(isBody).map((l) => l.text)).join('')).replace(
      /\d/g,
      '',
    );
    let from = 0;
    for (const p of [...chapters[lang].paragraphs, ...long[lang].paragraphs]) {
      const at = body.indexOf(plain(p), from);
      expect(at, p.slice(0, 40)).toBeGreaterThanOrEqual(0);
      from = at;
    }
  });

  it('the web edition keeps the notes at the end of the chapter', () => {
    const html = readFileSync(path.join(root, 'dist', lang, 'index.html'), 'utf8');
    expect(html.match(/role="doc-endnotes"/g)).toHaveLength(3);
    expect(html).not.toContain('class="footnotes');
  });
});

describe('the starter (npm run new), built with footnotes by default', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'fn-starter-')), 'starter');
  let out = '';
  const pdfs: Record<string, Pdf> = {};
  beforeAll(async () => {
    expect((await cli(['new', dir])).code).toBe(0);
    const r = await cli(['build', '--root', dir]);
    expect(r.code, r.stderr).toBe(0);
    out = `${r.stdout}${r.stderr}`;
    for (const lang of ['zh', 'en']) pdfs[lang] = await readPdf(path.join(dir, 'dist', lang, `starter-${lang}.pdf`));
  }, 600_000);
  afterAll(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it("keeps no chapter's notes at its end", () => {
    expect(out).not.toMatch(/stay at its end|footnotes need/);
  });

  it.each(['zh', 'en'])(
    "prints the %s edition's notes at the foot of their references' pages, below the body",
    (lang) => {
      let cited = 0;
      pdfs[lang]!.pages.forEach((page, i) => {
        const marks = page.links.filter((l) => l.dest?.startsWith('note-'));
        for (const m of marks) expect(m.page, m.dest).toBe(i + 1);
        const lines = page.lines.filter((l) => l.y > 55 && l.y < 778);
        const notes = lines.filter((l) => l.size < 9.8 && /^\d+\.\s/.test(l.text));
        expect(notes.length, `page ${i + 1}`).toBe(new Set(marks.map((m) => m.dest)).size);
        if (!marks.length) return;
        cited += notes.length;
        const lowestBody = Math.min(...lines.filter(isBody).map((l) => l.bottom));
        for (const n of notes) expect(n.top, n.text).toBeLessThan(lowestBody);
      });
      expect(cited).toBeGreaterThan(0);
    },
  );
});
