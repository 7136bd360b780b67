import path from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { printPdf } from '../../scripts/outputs/pdf/print.js';
import { closePages, openPages } from '../../scripts/browser/page-pool.js';
import { Diagnostics } from '../../scripts/diagnostics/collector.js';
import { formatDiagnostic } from '../../scripts/diagnostics/catalogue.js';
import { newSession, type BuildContext } from '../../scripts/context.js';
import type { EditionMeta } from '../../scripts/model/config.js';
import type { Page } from 'puppeteer-core';
import { closeTestBrowser, repo, testBrowser } from '../helpers.js';
import { readPdf } from '../pdf.js';

async function pdfTexts(bytes: Uint8Array): Promise<string[]> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'toc-pdf-')), 'out.pdf');
  writeFileSync(file, bytes);
  return (await readPdf(file)).pages.map((p) => p.text.trim());
}

afterAll(closeTestBrowser);

const meta: EditionMeta = {
  title: 'T',
  shortTitle: 'T',
  authorGroup: 'G',
  authors: ['A'],
  institution: 'I',
  subject: 'S',
  keywords: ['k'],
  description: 'D',
};

/**
 * A page whose table of contents never settles: a script moves the heading to
 * page 2 whenever the TOC says 1, and back to page 1 whenever it says 2 (as a
 * layout can, when the width of a page number reflows the text after it).
 */
function page(oscillates: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'toc-'));
  const file = path.join(dir, 'index.html');
  writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><style>@page{size:A5}#pad{display:none;break-after:page}</style>
<nav><a href="#later">Later <span class="toc-page" data-target="later"></span></a></nav>
<div id="pad">pad</div><h2 id="later">Later</h2><p>text</p>
<script>${
      oscillates
        ? `new MutationObserver(() => {
  document.getElementById('pad').style.display = document.querySelector('.toc-page').textContent === '1' ? 'block' : 'none';
}).observe(document.querySelector('nav'), { subtree: true, childList: true, characterData: true });`
        : ''
    }</script>`,
  );
  return file;
}

/**
 * A page whose first page has a deeper top margin (`@page :first`) than the others. The layout probe lays every
 * page out with the default `@page` margins, so it guesses that the heading fits on page 1; in print it is pushed
 * to page 2.
 */
function firstPageDeeper(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'toc-'));
  const file = path.join(dir, 'index.html');
  writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><style>@page{size:A5;margin:10mm}@page:first{margin-top:80mm}body{margin:0}</style>
<nav><a href="#later">Later <span class="toc-page" data-target="later"></span></a></nav>
<div style="height:120mm"></div><h2 id="later">Later</h2><p>text</p>`,
  );
  return file;
}

/**
 * A chapter whose figure fits on the first page as the layout probe lays it out (every page with the default
 * margins), but not in print, where `@page :first` leaves less room: printed, it leaves a gap, and is moved.
 */
function floatOnDeeperFirstPage(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'float-'));
  const file = path.join(dir, 'index.html');
  const para = (n: number) =>
    `<p>Paragraph ${n} after the figure: ${'words that fill a line or two of the page '.repeat(4)}</p>`;
  writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><style>@page{size:A5;margin:10mm}@page:first{margin-top:80mm}
body{margin:0;font:12pt/1.5 serif}p{margin:0 0 4mm}figure{break-inside:avoid;margin:0 0 4mm;height:80mm;background:#ddd}</style>
<section class="chapter" id="c"><h2 id="c-h">Chapter</h2><p>The paragraph before the figure: ${'a line of text and more '.repeat(6)}</p>
<figure id="fig-a"><figcaption>Figure A</figcaption></figure>${[1, 2, 3, 4, 5, 6].map(para).join('')}</section>`,
  );
  return file;
}

function context(log: (line: string) => void = () => undefined): BuildContext {
  return {
    root: repo,
    packageDir: repo,
    diagnostics: new Diagnostics(),
    log,
    cacheDir: mkdtempSync(path.join(tmpdir(), 'toc-cache-')),
    browser: testBrowser,
    browserTimeoutMs: 120_000,
    session: newSession(),
  };
}

describe('printing an edition: the page numbers of its table of contents, the places of its figures', () => {
  it('is printed once, with the page numbers the layout probe found before printing, and no message', async () => {
    const lines: string[] = [];
    const ctx = context((l) => lines.push(l));
    const htmlPath = page(false);
    const out = await printPdf(ctx, {
      lang: 'en',
      htmlPath,
      meta,
      date: new Date(0),
      allowedDirs: [path.dirname(htmlPath)],
      headings: [],
    });
    expect(out.tocPages).toEqual({ later: 1 });
    expect(out.passes).toBe(1);
    expect(out.probes).toBe(2); // the first finds page 1 for the empty slot, the second sees that "1" holds
    expect(lines).toEqual([]);
    expect(ctx.diagnostics.list).toEqual([]);
    expect(await pdfTexts(out.bytes)).toEqual(['Later 1\nLater\ntext']);
  });

  it('is printed again, and says so, when the probe guessed a page wrong', async () => {
    const lines: string[] = [];
    const ctx = context((l) => lines.push(l));
    const htmlPath = firstPageDeeper();
    const out = await printPdf(ctx, {
      lang: 'en',
      htmlPath,
      meta,
      date: new Date(0),
      allowedDirs: [path.dirname(htmlPath)],
      headings: [],
    });
    expect(out.tocPages).toEqual({ later: 2 });
    expect(out.passes).toBe(2);
    expect(lines).toEqual([
      "print-pdf          en: the layout probe's guess did not hold (TOC: later guessed 1, is 2); printing again",
    ]);
    expect(ctx.diagnostics.list).toEqual([]);
    expect((await pdfTexts(out.bytes))[0]).toBe('Later 2');
  });

  it('moves a figure and prints again, saying so, when the probe did not see the gap it leaves in print', async () => {
    const lines: string[] = [];
    const ctx = context((l) => lines.push(l));
    const htmlPath = floatOnDeeperFirstPage();
    const out = await printPdf(ctx, {
      lang: 'en',
      htmlPath,
      meta,
      date: new Date(0),
      allowedDirs: [path.dirname(htmlPath)],
      headings: [],
    });
    expect(out.passes).toBe(2);
    expect(lines).toEqual([
      "print-pdf          en: the layout probe's guess did not hold (1 figure(s) to move); printing again",
    ]);
    expect(out.floats).toHaveLength(1);
    expect(out.floats[0]![0]).toBe('fig-a');
    expect(out.floats[0]![1]).toMatch(/^Paragraph \d after the figure/);
    // In the PDF, the figure's caption now comes after the paragraph it was moved behind.
    const text = (await pdfTexts(out.bytes)).join('\n');
    const after = out.floats[0]![1].slice(0, 'Paragraph 1'.length);
    expect(text.indexOf('Figure A')).toBeGreaterThan(text.indexOf(after));
  });

  it("given the last build's page numbers, and they hold: probed once, printed once", async () => {
    const ctx = context();
    const htmlPath = page(false);
    const out = await printPdf(ctx, {
      lang: 'en',
      htmlPath,
      meta,
      date: new Date(0),
      allowedDirs: [path.dirname(htmlPath)],
      headings: [],
      guess: { tocPages: { later: 1 } },
    });
    expect(out.passes).toBe(1);
    expect(out.probes).toBe(1);
  });

  it('that still moves after the last pass is shipped with a warning naming the entries that moved', async () => {
    const ctx = context();
    const htmlPath = page(true);
    const headings = [{ id: 'later', depth: 2, text: 'Later', chapterId: 'c', file: 'content/en/01-main.md', line: 9 }];
    const out = await printPdf(ctx, {
      lang: 'en',
      htmlPath,
      meta,
      date: new Date(0),
      allowedDirs: [path.dirname(htmlPath)],
      headings,
    });
    expect(out.passes).toBe(6);
    expect(ctx.diagnostics.list.map(formatDiagnostic)).toEqual([
      "content/en/01-main.md:9:1  warning  The English PDF's table of contents may be wrong: after 6 passes these entries still moved: later (printed as page 1, is on page 2) — check the print styles for what reflows when a page number changes; the HTML is not affected  [toc-pages]",
    ]);
  });
});

describe('printing an edition on a page that is stuck', () => {
  /**
   * A page that stops answering once the edition has loaded: its script stops in the debugger, and a call that runs
   * script in it waits as long as Puppeteer lets it (120 s here), as one whose execution context never comes waits
   * for ever. Each call on a build's page is bounded by the browser timeout (15 s here).
   */
  async function stick(page: Page): Promise<void> {
    await (await page.createCDPSession()).send('Debugger.enable');
    await page.evaluateOnNewDocument("addEventListener('load', () => setTimeout(() => { debugger; }))");
  }
  const retried = /^print-pdf {10}en: Timed out after 15000 ms waiting for page\.\w+\(\); again on a new page$/;
  const input = (htmlPath: string) => ({
    lang: 'en' as const,
    htmlPath,
    meta,
    date: new Date(0),
    allowedDirs: [path.dirname(htmlPath)],
    headings: [],
  });

  it("leaves the build's page after the browser timeout, says so, and prints the edition on a new page", async () => {
    const lines: string[] = [];
    const ctx = { ...context((l) => lines.push(l)), browserTimeoutMs: 15_000 };
    const opened = openPages(ctx, {
      count: 1,
      html: '<p>host</p>',
      hostDir: ctx.cacheDir,
      allowedDirs: [ctx.cacheDir],
    });
    const [stuck] = await opened;
    await stick(stuck!.page);
    const out = await printPdf(ctx, input(page(false)), stuck);
    expect(await pdfTexts(out.bytes)).toEqual(['Later 1\nLater\ntext']);
    expect(lines).toEqual([expect.stringMatching(retried)]);
    await closePages(opened);
  });

  it('leaves a page of its own the same way', async () => {
    const lines: string[] = [];
    const browser = await testBrowser();
    const pages: Page[] = [];
    // The first page the print opens gets stuck.
    const newPage = async () => {
      const p = await browser.newPage();
      if (!pages.length) await stick(p);
      pages.push(p);
      return p;
    };
    const ctx = {
      ...context((l) => lines.push(l)),
      browserTimeoutMs: 15_000,
      browser: async () => new Proxy(browser, { get: (b, k) => (k === 'newPage' ? newPage : Reflect.get(b, k, b)) }),
    };
    const out = await printPdf(ctx, input(page(false)));
    expect(await pdfTexts(out.bytes)).toEqual(['Later 1\nLater\ntext']);
    expect(lines).toEqual([expect.stringMatching(retried)]);
    expect(pages).toHaveLength(2);
    expect(pages[1]!.isClosed(), 'the new page is closed once printed').toBe(true);
  });
});
