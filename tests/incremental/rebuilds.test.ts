import path from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, repo, reportCopy, snapshot } from '../helpers.js';
import { checkToc, readPdf, squash } from '../pdf.js';

/**
 * Rebuilds with the real CLI (README, "Rebuilds"): a build with nothing changed
 * stops at the manifest without starting a browser; an edit to one edition
 * reprints that edition's PDF only; a damaged dist/ is rebuilt and restored;
 * --force always rebuilds; and a PDF printed in one pass, from the probed layout
 * (cold) or the previous build's page numbers, still has a table of contents that is right.
 */

/** The PDF's text, page after page. */
const pdfText = async (file: string) => (await readPdf(file)).pages.map((p) => p.text).join('\f');
/** Lines that only a build that went past the manifest check prints: the stages that use the browser. */
const browserStages = /^(print-pdf|render-charts)\s/m;
/** A "browser" that dies when started: a build that tries to start one fails with [browser-start]. */
const noBrowser = { PUPPETEER_EXECUTABLE_PATH: path.join(repo, 'tests', 'fixtures', 'fake-browsers', 'crash.sh') };
/** Every output file but the PDFs (whose bytes a reprint may change: Chromium numbers the tagged-PDF nodes). */
/** The output without its PDFs, and without changes.html (which says what changed since the build before it). */
const withoutPdfs = (snap: Map<string, string>) =>
  new Map([...snap].filter(([rel]) => !rel.endsWith('.pdf') && rel !== 'changes.html'));

describe('rebuilding the mini report (zh + en, HTML and PDF)', () => {
  let root: string;
  let dist: string;
  const pdf = (lang: string) => path.join(dist, lang, `mini-report-${lang}.pdf`);
  const build = (...extra: string[]) => cli(['build', '--root', root, ...extra]);

  beforeAll(async () => {
    root = reportCopy('mini');
    dist = path.join(root, 'dist');
    const r = await build();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^built zh \+ en → /m);
    // A cold build prints each edition once: the layout probe found the TOC's pages before printing.
    expect(r.stdout).toMatch(/^print-pdf\s+zh: \d+ pages, 1 pass\(es\)$/m);
    expect(r.stdout).toMatch(/^print-pdf\s+en: \d+ pages, 1 pass\(es\)$/m);
    expect(r.stdout).not.toMatch(/printing again/);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('with nothing changed: says so, exits 0, leaves dist/ byte for byte, and starts no browser', async () => {
    const before = snapshot(dist);
    const r = await build();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^nothing changed: \S+ is up to date \(\d+ ms; --force rebuilds\)$/m);
    expect(r.stdout).not.toMatch(browserStages);
    expect(r.stdout).not.toMatch(/^built /m);
    expect(snapshot(dist)).toEqual(before);
    // And with a browser that cannot start: a build that tried to start one would fail.
    const noBrowserRun = await cli(['build', '--root', root], noBrowser);
    expect(noBrowserRun.code, noBrowserRun.stderr).toBe(0);
    expect(noBrowserRun.stdout).toMatch(/^nothing changed: /m);
    expect(noBrowserRun.stderr).not.toContain('[browser-start]');
    expect(snapshot(dist)).toEqual(before);
  });

  it('after a word of the English prose changes: reprints the English PDF only', async () => {
    const chapter = path.join(root, 'content', 'en', '01-main.md');
    const text = readFileSync(chapter, 'utf8');
    expect(text, 'the fixture has the sentence this test edits').toContain('Output in 2020 was');
    expect(await pdfText(pdf('en'))).not.toContain('Quetzal');
    const zhBefore = readFileSync(pdf('zh'));
    const enBefore = readFileSync(pdf('en'));
    // Prose only (no value, figure or note), so the editions stay in parity.
    writeFileSync(chapter, text.replace('Output in 2020 was', 'Quetzal output in 2020 was'));

    const r = await build();
    expect(r.code, r.stderr).toBe(0); // a stale-translation warning, if any, is only a warning
    expect(r.stdout).not.toMatch(/^nothing changed/m);
    expect(r.stdout).toMatch(/^print-pdf\s+zh: unchanged, kept$/m);
    expect(r.stdout).toMatch(/^print-pdf\s+en: \d+ pages, \d+ pass\(es\)$/m);
    expect(r.stdout).toMatch(/^built zh \+ en → /m);
    expect(readFileSync(pdf('zh')).equals(zhBefore), 'the Chinese PDF is the one of the last build').toBe(true);
    const enAfter = readFileSync(pdf('en'));
    expect(enAfter.equals(enBefore), 'the English PDF is printed again').toBe(false);
    expect(await pdfText(pdf('en'))).toContain('Quetzal output in 2020 was');
    expect((await build()).stdout, 'and the build after it has nothing to do').toMatch(/^nothing changed: /m);
  });

  it('after a file of dist/ is deleted: rebuilds and restores it, keeping both PDFs', async () => {
    const before = snapshot(dist);
    rmSync(path.join(dist, 'en', 'assets', 'report.css'));
    const r = await build();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/^nothing changed/m);
    expect(r.stdout).toMatch(/^built zh \+ en → /m);
    expect(r.stdout).toMatch(/^print-pdf\s+zh: unchanged, kept$/m);
    expect(r.stdout).toMatch(/^print-pdf\s+en: unchanged, kept$/m);
    expect(snapshot(dist)).toEqual(before);
    expect((await build()).stdout).toMatch(/^nothing changed: /m);
  });

  it('after one byte of dist/zh/index.html changes: rebuilds and restores it', async () => {
    const before = snapshot(dist);
    const file = path.join(dist, 'zh', 'index.html');
    const bytes = readFileSync(file);
    const at = bytes.indexOf('</body>');
    expect(at).toBeGreaterThan(0);
    bytes[at + 2] = 'B'.charCodeAt(0); // </body> → </Body>
    writeFileSync(file, bytes);
    expect(snapshot(dist)).not.toEqual(before);
    const r = await build();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/^nothing changed/m);
    expect(r.stdout).toMatch(/^built zh \+ en → /m);
    expect(r.stdout).toMatch(/^print-pdf\s+zh: unchanged, kept$/m);
    expect(snapshot(dist)).toEqual(before);
    expect((await build()).stdout).toMatch(/^nothing changed: /m);
  });

  it('--force rebuilds everything even when nothing changed', async () => {
    expect((await build()).stdout, 'up to date to begin with').toMatch(/^nothing changed: /m);
    const before = snapshot(dist);
    const texts = { zh: await pdfText(pdf('zh')), en: await pdfText(pdf('en')) };
    const r = await build('--force');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/^nothing changed/m);
    expect(r.stdout).toMatch(/^load-config\s+\d+ ms$/m);
    // No last build to take PDFs from: both are printed.
    expect(r.stdout).toMatch(/^print-pdf\s+zh: \d+ pages, \d+ pass\(es\)$/m);
    expect(r.stdout).toMatch(/^print-pdf\s+en: \d+ pages, \d+ pass\(es\)$/m);
    expect(r.stdout).toMatch(/^built zh \+ en → /m);
    expect(withoutPdfs(snapshot(dist))).toEqual(withoutPdfs(before));
    expect(await pdfText(pdf('zh'))).toBe(texts.zh);
    expect(await pdfText(pdf('en'))).toBe(texts.en);
  });
});

// ---- the table of contents -----------------------------------------------------

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(
            parseInt(e.slice(e[1] === 'x' || e[1] === 'X' ? 2 : 1), e[1] === 'x' || e[1] === 'X' ? 16 : 10),
          )
        : (entities[e] ?? m),
    );

/**
 * Every TOC entry's printed number is the page its heading is on (read from the PDF alone, see
 * tests/pdf.ts), and the printed TOC lists the entries of the HTML's print TOC, in order.
 */
async function expectTocRight(editionDir: string, pdfFile: string): Promise<void> {
  const html = readFileSync(path.join(editionDir, 'index.html'), 'utf8');
  const nav = /<nav class="toc-print"[\s\S]*?<\/nav>/.exec(html)?.[0];
  expect(nav, 'the edition has a print TOC').toBeDefined();
  const listed = [...nav!.matchAll(/<span class="toc-text">([\s\S]*?)<\/span>/g)].map((m) => squash(decode(m[1]!)));
  const { entries, problems } = checkToc(await readPdf(pdfFile));
  expect(problems).toEqual([]);
  expect(entries.map((e) => squash(e.text))).toEqual(listed);
  expect(entries.length).toBeGreaterThan(5);
}

// The mini report's TOC has two entries on a three-page PDF: too small to go wrong. The real report's has 14.
describe('a one-pass rebuild of the real report', () => {
  let root: string;
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints the TOC with the page numbers where the headings are', async () => {
    root = reportCopy('real');
    const dist = path.join(root, 'dist');
    const pdf = (lang: string) => path.join(dist, lang, `sz-hk-sci-tech-cooperation-2023-${lang}.pdf`);
    const first = await cli(['build', '--root', root]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^built zh \+ en → /m);
    // Cold, each edition is printed once: the layout probe placed the figures and found the TOC's pages.
    expect(first.stdout).toMatch(/^print-pdf\s+zh: \d+ pages, 1 pass\(es\)$/m);
    expect(first.stdout).toMatch(/^print-pdf\s+en: \d+ pages, 1 pass\(es\)$/m);
    await expectTocRight(path.join(dist, 'en'), pdf('en'));
    await expectTocRight(path.join(dist, 'zh'), pdf('zh'));

    // A word for one of the same length: the text moves no heading to another page.
    const chapter = path.join(root, 'content', 'en', '00-abstract.md');
    const text = readFileSync(chapter, 'utf8');
    expect(text).toContain('such as strong capabilities');
    writeFileSync(chapter, text.replace('such as strong capabilities', 'such as robust capabilities'));
    const r = await cli(['build', '--root', root]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^print-pdf\s+zh: unchanged, kept$/m);
    expect(r.stdout, 'the last build’s page numbers held: one pass').toMatch(
      /^print-pdf\s+en: \d+ pages, 1 pass\(es\)$/m,
    );
    // (English is hyphenated: a word may break across lines, so spaces and hyphens are left out of the comparison)
    expect((await pdfText(pdf('en'))).replace(/[\s\u00ad-]+/g, '')).toContain('robustcapabilities');

    await expectTocRight(path.join(dist, 'en'), pdf('en'));
    await expectTocRight(path.join(dist, 'zh'), pdf('zh'));
  });
});
