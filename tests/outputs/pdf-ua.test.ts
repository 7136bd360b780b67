import path from 'node:path';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { decodeXML } from 'entities';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPdfUa } from '../../scripts/outputs/pdf/ua-check.js';
import { build, prepare, type Prepared } from '../../scripts/build.js';
import { chartRows } from '../../scripts/stages/render-charts/chart-spec.js';
import { TIP_FIELD, withMarkText } from '../../scripts/stages/render-charts/mark-text.js';
import { BuildFailed, formatDiagnostic } from '../../scripts/diagnostics/catalogue.js';
import { cli, closeTestBrowser, options, repo, reportCopy, testBrowser } from '../helpers.js';
import { sharedReport } from '../shared-reports.js';

/**
 * PDF/UA-1 (docs/accessibility.md): the repository report's two PDFs pass our checker of the Matterhorn Protocol's
 * machine-checkable conditions, with each chart a Figure whose alternate text is the chart's name (ending with the
 * summary of its data: its highest value, checked against the dataset) and each caption a Caption; and the checker fails a PDF that breaks the rules (a tagged print of a page with an image without alt, a
 * skipped heading level and no language).
 */
let out: string;
const pdfOf = (lang: string) => {
  const dir = path.join(out, lang);
  return readFileSync(
    path.join(
      dir,
      readdirSync(dir).find((f) => f.endsWith(`-${lang}.pdf`))!,
    ),
  );
};

/** The structure elements of a PDF, in document order: type and alternate text. */
async function elements(bytes: Uint8Array): Promise<{ type: string; alt?: string; lang?: string }[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const list: { type: string; alt?: string; lang?: string }[] = [];
  const visit = (node: unknown): void => {
    const el = doc.context.lookup(node as never);
    if (el instanceof PDFArray) return el.asArray().forEach(visit);
    if (!(el instanceof PDFDict)) return;
    const s = el.get(PDFName.of('S'));
    const alt = el.lookup(PDFName.of('Alt'));
    const lang = el.lookup(PDFName.of('Lang'));
    if (s instanceof PDFName)
      list.push({
        type: s.decodeText(),
        alt: alt instanceof PDFString || alt instanceof PDFHexString ? alt.decodeText() : undefined,
        lang: lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined,
      });
    visit(el.get(PDFName.of('K')));
  };
  visit((doc.catalog.lookup(PDFName.of('StructTreeRoot')) as PDFDict).get(PDFName.of('K')));
  return list;
}

let prep: Prepared;
const scratch = mkdtempSync(path.join(tmpdir(), 'pdf-ua-'));
beforeAll(async () => {
  ({ out } = await sharedReport('real'));
  // The report's data as the build reads it (no build: the PDFs are the shared report's).
  prep = await prepare(options(repo, path.join(scratch, 'dist'), { formats: ['html'], cacheDir: scratch }));
});
afterAll(async () => {
  await closeTestBrowser();
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * Per chart of an edition, in order, the texts of the highest rows of its data, one per unit (HK$ million and %
 * are not compared): of the dataset's rows (CSV values), those its print rendering draws — each drawn mark says
 * its row's text (mark-text.ts) as its aria-label.
 */
function highestRows(lang: 'zh' | 'en', html: string): string[][] {
  return html
    .split('data-figure="')
    .slice(1)
    .filter((part) => /role="figure"/.test(part.split('</figure>')[0]!))
    .map((part) => {
      const fig = prep.data.figures.get(part.slice(0, part.indexOf('"')))!;
      const ds = prep.data.datasets.get(fig.dataset!)!;
      const wide = part.split('<div class="chart-wide">')[1]!.split('</svg>')[0]!;
      const said = new Set(
        [...wide.matchAll(/aria-label="([^"]*)" role="graphics-symbol"/g)].map((m) => decodeXML(m[1]!)),
      );
      const texts = withMarkText(chartRows(ds, lang), ds, lang, prep.templates.strings[lang].captionSeparator);
      const byUnit = new Map<string, { value: number; text: string }>();
      ds.rows.forEach((row, i) => {
        const text = texts[i]![TIP_FIELD] as string;
        if (!said.has(text)) return;
        const unit = String(row.values.unit ?? ds.meta.unit);
        const value = Number(row.raw.value);
        const best = byUnit.get(unit);
        if (!best || value > best.value) byUnit.set(unit, { value, text });
      });
      return [...byUnit.values()].map((h) => h.text);
    });
}

describe.each(['zh', 'en'])('the %s PDF of the repository report', (lang) => {
  it('passes the PDF/UA-1 checks', async () => {
    expect(await checkPdfUa(pdfOf(lang))).toEqual([]);
  });

  it("tags only the charts as Figures, each with the chart's name as its alternate text, and captions as Caption", async () => {
    const html = readFileSync(path.join(out, lang, 'index.html'), 'utf8');
    const charts = [...html.matchAll(/<div class="chart[^"]*" role="figure" aria-label="([^"]*)"/g)].map((m) =>
      m[1]!.replace(/&#x26;/g, '&').replace(/&amp;/g, '&'),
    );
    const figures = (await elements(pdfOf(lang))).filter((e) => e.type === 'Figure');
    expect(charts.length).toBeGreaterThan(3);
    expect(figures.map((f) => f.alt)).toEqual(charts);
    const captions = (await elements(pdfOf(lang))).filter((e) => e.type === 'Caption').length;
    expect(captions).toBe(html.match(/<figcaption/g)!.length);
  });

  it("names each chart's highest value in its Figure's alternate text, as its data says", async () => {
    const html = readFileSync(path.join(out, lang, 'index.html'), 'utf8');
    const figures = (await elements(pdfOf(lang))).filter((e) => e.type === 'Figure');
    const highest = highestRows(lang as 'zh' | 'en', html);
    expect(highest).toHaveLength(figures.length);
    const word = lang === 'zh' ? '最高为' : 'highest ';
    figures.forEach((f, i) => {
      expect(highest[i]!.length, f.alt).toBeGreaterThan(0);
      for (const text of highest[i]!) expect(f.alt).toContain(`${word}${text}`);
    });
  });

  it('marks the words in the other language as Spans with their language, as the HTML marks them', async () => {
    const html = readFileSync(path.join(out, lang, 'index.html'), 'utf8');
    const other = lang === 'en' ? 'zh-CN' : 'en';
    const inHtml = html.split(`<span lang="${other}">`).length - 1;
    const spans = (await elements(pdfOf(lang))).filter((e) => e.type === 'Span');
    expect(inHtml).toBeGreaterThan(5);
    expect(spans.length).toBeGreaterThan(5);
    expect(spans.every((s) => s.lang === other)).toBe(true);
    // No private-use marker is left behind.
    expect((await elements(pdfOf(lang))).filter((e) => e.lang?.includes('-x-'))).toEqual([]);
  });
});

describe('the PDF/UA checker', () => {
  it('fails a PDF with an image without alt text, a skipped heading level and no language', async () => {
    const page = await (await testBrowser()).newPage();
    try {
      await page.setContent(
        '<html><body><h1>Report</h1><h3>Too deep</h3><p>Text.</p>' +
          '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==" width="40" height="40">' +
          '</body></html>',
      );
      // Chromium writes a /Lang even for a page without one (its own locale): take it out.
      const doc = await PDFDocument.load(await page.pdf({ tagged: true, format: 'A4' }));
      doc.catalog.delete(PDFName.of('Lang'));
      const rules = (await checkPdfUa(await doc.save())).map((f) => f.rule);
      expect(rules).toEqual(expect.arrayContaining(['13-004', '14-003', '11-006', '06-001', '07-001']));
    } finally {
      await page.close();
    }
  });
});

describe('pdfStandard: ua-1 in report.yaml', () => {
  /** The mini report, its chapters' "## 1." headings turned into "####" (H2 then H5 in the PDF), built to HTML and PDF. */
  async function buildSkipping(standard: boolean): Promise<string[]> {
    const root = reportCopy('mini');
    const yaml = path.join(root, 'report.yaml');
    if (standard) writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}pdfStandard: ua-1\n`);
    for (const lang of ['zh', 'en']) {
      const chapter = path.join(root, 'content', lang, '01-main.md');
      writeFileSync(chapter, readFileSync(chapter, 'utf8').replace(/^## /gm, '#### '));
    }
    try {
      const r = await build(options(root, path.join(root, 'dist')));
      return r.diagnostics.map(formatDiagnostic);
    } catch (e) {
      if (e instanceof BuildFailed) return e.diagnostics.map(formatDiagnostic);
      throw e;
    }
  }

  it('fails the build on a skipped heading level, naming the PDF, the page and the rule', async () => {
    const lines = (await buildSkipping(true)).filter((l) => l.includes('[pdf-ua]'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(
      /^dist\/(zh|en)\/mini-report-(zh|en)\.pdf:1:1 {2}error {2}The PDF does not meet PDF\/UA-1 \(Matterhorn Protocol 14-003, page \d+\): H5 follows H2/,
    );
  });

  it('is not checked without it', async () => {
    expect((await buildSkipping(false)).filter((l) => l.includes('[pdf-ua]'))).toEqual([]);
  });
});

describe('a report made with npm run new', () => {
  it('has two PDFs that pass the PDF/UA-1 checks', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ua-')), 'starter-report');
    expect((await cli(['new', dir])).code).toBe(0);
    const built = await cli(['build', '--root', dir]);
    expect(built.code, built.stderr).toBe(0);
    for (const lang of ['zh', 'en'])
      expect(await checkPdfUa(readFileSync(path.join(dir, 'dist', lang, `starter-report-${lang}.pdf`)))).toEqual([]);
  });
});
