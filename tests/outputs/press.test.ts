import path from 'node:path';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { BuildFailed, formatDiagnostic } from '../../scripts/diagnostics/catalogue.js';
import { newReport } from '../../scripts/scaffold/new-report.js';
import { ghostscript } from '../../scripts/outputs/press/cmyk.js';
import { closeTestBrowser, options, repo, reportCopy } from '../helpers.js';
import { readPdf } from '../pdf.js';
import { readPress, samplePage, type Box } from '../press-pdf.js';
import { preflight, type Finding } from '../../scripts/outputs/press/preflight.js';

/**
 * The press PDF (#33): with report.yaml `press:`, a PDF/X-4 beside each screen PDF whose pages carry TrimBox,
 * BleedBox and MediaBox, whose edge artwork runs into the bleed and whose marks lie outside it; read back with
 * pdf-lib and pdf.js, and drawn by pdf.js in the bundled Chromium.
 */
const MM = 72 / 25.4;
const A4: [number, number] = [210 * MM, 297 * MM];
const temps: string[] = [];
afterAll(async () => {
  await closeTestBrowser();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A report copy with `press:` (as written in report.yaml) and any files laid over it. */
function withPress(copy: string, press: string, files: Record<string, string> = {}): string {
  temps.push(copy);
  appendFileSync(path.join(copy, 'report.yaml'), `press: ${press}\n`);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(copy, rel)), { recursive: true });
    writeFileSync(path.join(copy, rel), text);
  }
  return copy;
}

const formats = ['html', 'pdf', 'press'];

/** A cover with a band printed to the page's top edge (the cover page without margins), as a report may style it. */
const coverBand = `${readFileSync(path.join(repo, 'theme', 'styles', 'print.css'), 'utf8')}
@page cover { margin: 0; }
.cover { height: 297mm; padding: 24mm 26mm; box-sizing: border-box; position: relative; }
.cover::before { content: ''; position: absolute; top: 0; left: 0; right: 0; height: 40mm; background: #8c1730; }
`;

/** A 4 × 4 px image at its natural 4 CSS px (3 pt) low on the cover: 96 ppi, under the preflight's 300. */
const lowResolution = `.cover::after { content: url(data:image/png;base64,${readFileSync(
  path.join(repo, 'tests', 'fixtures', 'errors', 'image-no-alt', 'content', 'en', 'pic.png'),
).toString('base64')}); position: absolute; bottom: 30mm; right: 30mm; }
`;

const close = (a: number, b: number) => Math.abs(a - b) <= 0.01;
const inside = (inner: Box, outer: Box) =>
  inner.x0 >= outer.x0 - 0.001 &&
  inner.y0 >= outer.y0 - 0.001 &&
  inner.x1 <= outer.x1 + 0.001 &&
  inner.y1 <= outer.y1 + 0.001;

/** Every check of a press PDF that does not draw it: boxes, PDF/X keys, output intent, fonts, text, no links. */
async function checkPress(
  press: string,
  screen: string,
  trim: [number, number],
  cmyk = false,
  findings: Finding[] = [],
): Promise<void> {
  const bleed = 3 * MM;
  const file = await readPress(press);
  expect(file.header).toBe('%PDF-1.6');
  expect(file.pages.length).toBeGreaterThan(0);
  for (const [i, p] of file.pages.entries()) {
    const at = `page ${i + 1}`;
    expect(p.trim, `${at}: TrimBox`).toBeDefined();
    expect(p.bleed, `${at}: BleedBox`).toBeDefined();
    const [t, b] = [p.trim!, p.bleed!];
    expect(close(t.x1 - t.x0, trim[0]) && close(t.y1 - t.y0, trim[1]), `${at}: trim ${JSON.stringify(t)}`).toBe(true);
    for (const [edge, d] of [
      [b.x0, t.x0 - bleed],
      [b.y0, t.y0 - bleed],
      [b.x1, t.x1 + bleed],
      [b.y1, t.y1 + bleed],
    ])
      expect(close(edge!, d!), `${at}: bleed ${JSON.stringify(b)} around trim ${JSON.stringify(t)}`).toBe(true);
    expect(inside(t, b) && inside(b, p.media), `${at}: TrimBox ⊂ BleedBox ⊂ MediaBox`).toBe(true);
    expect(p.media.x1 - p.media.x0, `${at}: room for the marks`).toBeGreaterThan(b.x1 - b.x0 + 20 * MM);
    expect(p.annots, `${at}: no links`).toBe(0);
  }
  expect(file.intent).toMatchObject(
    cmyk
      ? { s: 'GTS_PDFX', n: 4, iccSpace: 'CMYK', iccSignature: 'acsp', identifier: 'Custom' }
      : { s: 'GTS_PDFX', n: 3, iccSpace: 'RGB ', iccSignature: 'acsp', identifier: 'sRGB IEC61966-2.1' },
  );
  expect(
    file.pages.every((p) => !p.art),
    'a TrimBox, no ArtBox',
  ).toBe(true);
  expect(file.info).toMatchObject({ GTS_PDFXVersion: 'PDF/X-4', Trapped: 'False' });
  expect(file.info.Title).toBeTruthy();
  expect(file.xmp).toContain('<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>');
  expect(file.xmp).toContain('<pdf:Trapped>False</pdf:Trapped>');
  expect(file.xmp).toMatch(/<xmpMM:DocumentID>uuid:[0-9a-f-]{36}<\/xmpMM:DocumentID>/);
  expect(file.id).toMatch(/^\[ <[0-9A-Fa-f]{32}> <[0-9A-Fa-f]{32}> \]$/);
  expect(file.actions).toEqual([]);
  expect(await preflight(readFileSync(press), { colour: cmyk ? 'cmyk' : 'rgb' })).toEqual(findings);
  const [pressed, printed] = [await readPdf(press), await readPdf(screen)];
  expect(pressed.fonts.filter((f) => !f.embedded).map((f) => f.name)).toEqual([]);
  if (!cmyk) expect(pressed.pages.map((p) => p.text)).toEqual(printed.pages.map((p) => p.text));
  // (Ghostscript rewrites the text: the running header is read in another order, and curly quotes lose their
  // Unicode — docs/print.md; the pages and their number stay.)
  else expect(pressed.pages.length).toBe(printed.pages.length);
}

describe('the press PDF', () => {
  it('puts the pages on sheets with trim, bleed and marks: the cover band runs into the bleed, the marks stay out of it', async () => {
    const root = withPress(reportCopy('mini'), '{trim: A4, bleed: 3mm, marks: [crop, registration, colour-bars]}', {
      'templates/styles/print.css': coverBand + lowResolution,
    });
    const out = path.join(root, 'dist');
    const made = await build(options(root, out, { formats }));
    const lowImage = { check: 'image-resolution', page: 1, what: 'an image at 96 ppi (under 300)' };
    // … and the build says so, once per edition, naming the file and the page
    expect(made.diagnostics.filter((d) => d.rule === 'press-preflight').map(formatDiagnostic)).toEqual(
      ['zh', 'en'].map(
        (lang) =>
          `dist/${lang}/mini-report-${lang}-press.pdf:1:1  warning  The press PDF fails our preflight (image-resolution, page 1): ` +
          'an image at 96 ppi (under 300) — see what the check asks for in docs/print.md ("Our preflight") before the file goes to the printer  [press-preflight]',
      ),
    );
    for (const lang of ['zh', 'en'])
      await checkPress(
        path.join(out, lang, `mini-report-${lang}-press.pdf`),
        path.join(out, lang, `mini-report-${lang}.pdf`),
        A4,
        false,
        [lowImage],
      );
    // the preflight on what is not a press PDF: the screen PDF lacks the PDF/X keys, the intent and the boxes …
    const screenFindings = await preflight(readFileSync(path.join(out, 'zh', 'mini-report-zh.pdf')), { colour: 'rgb' });
    expect([...new Set(screenFindings.map((f) => f.check))].sort()).toEqual([
      'image-resolution',
      'output-intent',
      'page-boxes',
      'pdfx-identification',
    ]);
    // … and the RGB press PDF checked as if it had been converted to CMYK has RGB left on every page
    const asCmyk = await preflight(readFileSync(path.join(out, 'zh', 'mini-report-zh-press.pdf')), { colour: 'cmyk' });
    expect(
      new Set(asCmyk.filter((f) => f.check === 'colour-spaces' && /^rg operator/.test(f.what)).map((f) => f.page)),
    ).toEqual(new Set([1, 2, 3, 4]));
    const file = path.join(out, 'zh', 'mini-report-zh-press.pdf');
    const { trim: t, bleed: b } = (await readPress(file)).pages[0]! as { trim: Box; bleed: Box };
    const [cover, text] = [
      await samplePage(file, 1, [
        [t.x0 + 30, t.y1 + 1.5 * MM], // above the trim, in the bleed: the band
        [t.x0 - 1.5 * MM, t.y1 + 1.5 * MM], // the bleed's corner: the band
        [t.x0 + 30, b.y1 + 1 * MM], // past the bleed: nothing
        [t.x0 - 3 * MM - 4 * MM, t.y1], // the crop mark's horizontal stroke, 1–7 mm past the bleed
      ]),
      await samplePage(file, 2, [
        [t.x0 - 1.5 * MM, t.y1], // in the bleed, on the crop mark's line: no mark
        [t.x0 - 3 * MM - 0.5 * MM, t.y1], // between the bleed and the mark
        [t.x0 - 3 * MM - 4 * MM, t.y1], // the mark
      ]),
    ];
    const band = ([r, g, bl]: number[]) => r! > 110 && g! < 60 && bl! < 80;
    expect(band(cover[0]!.rgb), `band in the top bleed: ${cover[0]!.rgb}`).toBe(true);
    expect(band(cover[1]!.rgb), `band in the bleed's corner: ${cover[1]!.rgb}`).toBe(true);
    expect(cover[2]!.darkest, 'nothing past the bleed').toBeGreaterThan(240);
    expect(cover[3]!.darkest, 'crop mark').toBeLessThan(140);
    expect(text[0]!.darkest, 'no mark in the bleed').toBeGreaterThan(240);
    expect(text[1]!.darkest, 'the mark starts past the bleed').toBeGreaterThan(240);
    expect(text[2]!.darkest, 'crop mark').toBeLessThan(140);
  });

  it('is made for the second report and the starter with press: {trim: A4, bleed: 3mm, marks: [crop]} as written', async () => {
    const second = withPress(reportCopy('second-report'), '{trim: A4, bleed: 3mm, marks: [crop]}');
    const starter = mkdtempSync(path.join(tmpdir(), 'report-starter-'));
    rmSync(starter, { recursive: true });
    expect(newReport([starter], { packageDir: repo, today: '2024-01-02' }).code).toBe(0);
    withPress(starter, '{trim: A4, bleed: 3mm, marks: [crop]}');
    for (const root of [second, starter]) {
      const out = path.join(root, 'dist');
      await build(options(root, out, { formats }));
      const id = /^id: (.+)$/m.exec(readFileSync(path.join(root, 'report.yaml'), 'utf8'))![1]!;
      for (const lang of ['zh', 'en'])
        await checkPress(
          path.join(out, lang, `${id}-${lang}-press.pdf`),
          path.join(out, lang, `${id}-${lang}.pdf`),
          A4,
        );
    }
  });

  it('is not made without press:, and a trim that is not the printed page is an error at press.trim', async () => {
    const root = reportCopy('mini');
    temps.push(root);
    const out = path.join(root, 'dist');
    const made = await build(options(root, out, { formats }));
    expect(existsSync(path.join(out, 'zh', 'mini-report-zh-press.pdf'))).toBe(false);
    expect(made.editions.map((e) => e.outputs.press)).toEqual([undefined, undefined]);
    expect(Object.keys(made.timings)).not.toContain('press-pdf');
    withPress(root, '{trim: B5}');
    const failed = await build(options(root, out, { formats })).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(BuildFailed);
    const lines = (failed as BuildFailed).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    expect(lines).toHaveLength(1); // (both editions' one problem, said once)
    expect(lines[0]).toMatch(
      /^report\.yaml:24:\d+ {2}error {2}press\.trim asks for 176 × 250 mm pages, but the print stylesheet's pages are 209\.9 × 297 mm.*\[press-trim\]$/,
    );
  });

  it('with colour: cmyk converts through Ghostscript, or without it says what to install and writes the RGB PDF/X-4', async () => {
    const root = withPress(reportCopy('mini'), '{trim: A4, colour: cmyk}');
    const out = path.join(root, 'dist');
    const made = await build(options(root, out, { formats, langs: ['en'] }));
    const file = path.join(out, 'en', 'mini-report-en-press.pdf');
    if (await ghostscript()) {
      await checkPress(file, path.join(out, 'en', 'mini-report-en.pdf'), A4, true);
      return;
    }
    const warnings = made.diagnostics.filter((d) => d.rule === 'press-ghostscript').map(formatDiagnostic);
    expect(warnings).toEqual([expect.stringMatching(/^report\.yaml:24:\d+ {2}warning .*install Ghostscript/)]);
    await checkPress(file, path.join(out, 'en', 'mini-report-en.pdf'), A4);
  });
});
