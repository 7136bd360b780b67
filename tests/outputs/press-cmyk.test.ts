import { execFile } from 'node:child_process';
import path from 'node:path';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { PDFDocument, rgb } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { BuildFailed, formatDiagnostic } from '../../scripts/diagnostics/catalogue.js';
import { ghostscript, ghostscriptIccFolder } from '../../scripts/outputs/press/cmyk.js';
import { readIcc } from '../../scripts/outputs/press/icc.js';
import { preflight } from '../../scripts/outputs/press/preflight.js';
import { closeTestBrowser, options, repo, reportCopy } from '../helpers.js';
import { readPdf } from '../pdf.js';
import { cmykFills, readPress, samplePage } from '../press-pdf.js';

/**
 * `press: {colour: cmyk}` through Ghostscript (#33): the colours are converted with the profile press.profile
 * names — read back from the content streams and compared with what Ghostscript's raster device makes of the same
 * colour under the same profile — and the file is press-ready again afterwards. Ghostscript is never installed by
 * the build and is not on CI: there these tests are skipped, and their title says why.
 */
const gs = await ghostscript();
const folder = gs ? await ghostscriptIccFolder() : undefined;
const skipped = !gs
  ? 'Ghostscript (gs) is not installed on this machine'
  : !folder
    ? `Ghostscript ${gs} keeps its ICC profiles inside its executable: no two CMYK profiles on disk to convert with`
    : undefined;

const run = promisify(execFile);
const SRGB = path.join(repo, 'node_modules', 'pdfkit', 'js', 'data', 'sRGB_IEC61966_2_1.icc');
/** The cover band's colour (as the press test's cover draws it): #8c1730. */
const BAND = [0x8c / 255, 0x17 / 255, 0x30 / 255] as const;
const MM = 72 / 25.4;
const temps: string[] = [];
afterAll(async () => {
  await closeTestBrowser();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const coverBand = `${readFileSync(path.join(repo, 'theme', 'styles', 'print.css'), 'utf8')}
@page cover { margin: 0; }
.cover { height: 297mm; padding: 24mm 26mm; box-sizing: border-box; position: relative; }
.cover::before { content: ''; position: absolute; top: 0; left: 0; right: 0; height: 40mm; background: #8c1730; }
`;

/**
 * What Ghostscript's raster CMYK device (pam, 8 bits a channel) makes of one sRGB colour under `profile`: a page
 * of that colour drawn with -sOutputICCProfile (which raster devices have always honoured) and the same source
 * profile and intent as the press conversion. A path through Ghostscript that does not go through pdfwrite.
 */
async function reference(profile: string, colour: readonly [number, number, number]): Promise<number[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'press-cmyk-ref-'));
  temps.push(dir);
  const doc = await PDFDocument.create();
  doc.addPage([20, 20]).drawRectangle({ x: 0, y: 0, width: 20, height: 20, color: rgb(...colour) });
  writeFileSync(path.join(dir, 'page.pdf'), await doc.save());
  const out = path.join(dir, 'page.pam');
  await run('gs', [
    '-q',
    '-dBATCH',
    '-dNOPAUSE',
    '-sDEVICE=pam',
    '-r72',
    `-sOutputICCProfile=${profile}`,
    `-sDefaultRGBProfile=${SRGB}`,
    '-dRenderIntent=1',
    `-sOutputFile=${out}`,
    path.join(dir, 'page.pdf'),
  ]);
  const pam = readFileSync(out);
  const data = pam.indexOf('ENDHDR\n') + 7;
  const at = data + (10 * 20 + 10) * 4; // (the middle pixel)
  return [...pam.subarray(at, at + 4)].map((v) => v / 255);
}

/** Within Ghostscript's 8-bit raster and pdfwrite's rounding of the same conversion: 1.5/255 a channel. */
const same = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]!) <= 1.5 / 255 + 0.001);
const far = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

describe(`CMYK press PDF${gs ? ` (Ghostscript ${gs})` : ''}`, () => {
  it('converts with the profile press.profile names: the band is what that profile makes of #8c1730, and two profiles differ', async ({
    skip,
  }) => {
    if (skipped) skip(skipped);
    const root = reportCopy('mini');
    temps.push(root);
    mkdirSync(path.join(root, 'templates', 'styles'), { recursive: true });
    writeFileSync(path.join(root, 'templates', 'styles', 'print.css'), coverBand);
    mkdirSync(path.join(root, 'print'));
    const yaml = readFileSync(path.join(root, 'report.yaml'), 'utf8');
    const out = path.join(root, 'dist');
    const seen: Record<string, { expected: number[]; fills: number[][] }> = {};
    for (const name of ['default_cmyk.icc', 'ps_cmyk.icc']) {
      const profile = path.join(root, 'print', name);
      copyFileSync(path.join(folder!, name), profile);
      writeFileSync(path.join(root, 'report.yaml'), `${yaml}press: {trim: A4, colour: cmyk, profile: print/${name}}\n`);
      await build(options(root, out, { formats: ['html', 'pdf', 'press'] }));
      const file = path.join(out, 'en', 'mini-report-en-press.pdf');
      const [fills, expected] = [await cmykFills(file), await reference(profile, BAND)];
      expect(
        fills.some((f) => same(f, expected)),
        `${name}: the band should be ${expected.map((v) => v.toFixed(3))} — fills: ${JSON.stringify(fills)}`,
      ).toBe(true);
      seen[name] = { expected, fills };
      for (const lang of ['zh', 'en']) await checkConverted(path.join(out, lang, `mini-report-${lang}`), profile);
    }
    const [a, b] = [seen['default_cmyk.icc']!, seen['ps_cmyk.icc']!];
    expect(far(a.expected, b.expected), 'the two profiles make different CMYK of the band').toBeGreaterThan(0.1);
    expect(
      b.fills.some((f) => same(f, a.expected)),
      "ps_cmyk's file has none of default_cmyk's band",
    ).toBe(false);
  });

  it('a profile that cannot be converted into (input-only, no B2A table) is an error at press.profile', async ({
    skip,
  }) => {
    if (skipped) skip(skipped);
    const root = reportCopy('mini');
    temps.push(root);
    mkdirSync(path.join(root, 'print'));
    const micro = path.join(repo, 'node_modules', 'pdfjs-dist', 'iccs', 'CGATS001Compat-v2-micro.icc');
    copyFileSync(micro, path.join(root, 'print', 'swop-micro.icc'));
    appendFileSync(path.join(root, 'report.yaml'), 'press: {colour: cmyk, profile: print/swop-micro.icc}\n');
    const failed = await build(
      options(root, path.join(root, 'dist'), { formats: ['html', 'pdf', 'press'], langs: ['en'] }),
    ).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(BuildFailed);
    const lines = (failed as BuildFailed).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    expect(lines).toEqual([
      expect.stringMatching(
        /^report\.yaml:24:\d+ {2}error {2}Ghostscript could not convert .*print\/swop-micro\.icc \(class scnr\) has no tables .*\[press-ghostscript-failed\]$/,
      ),
    ]);
  });
});

/**
 * A converted press PDF is press-ready again: boxes as before, the output intent embedding the profile's own
 * bytes with its description, the PDF/X keys, every font embedded (the Chinese ones still CID fonts, no Type 3,
 * with ToUnicode), the preflight clean with no RGB left; the structure tree is gone, and the file does not
 * claim to be tagged.
 */
async function checkConverted(base: string, profile: string): Promise<void> {
  const [file, screen] = [`${base}-press.pdf`, `${base}.pdf`];
  const press = await readPress(file);
  const bytes = readFileSync(profile);
  expect(press.intent).toMatchObject({ s: 'GTS_PDFX', identifier: 'Custom', n: 4, iccSpace: 'CMYK' });
  expect(press.intent!.info).toBe(readIcc(bytes)!.description);
  expect(Buffer.compare(press.intent!.profile, bytes), 'the output intent embeds the profile itself').toBe(0);
  expect(press.info).toMatchObject({ GTS_PDFXVersion: 'PDF/X-4', Trapped: 'False' });
  expect(press.xmp).toContain('<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>');
  for (const p of press.pages) {
    expect(p.trim!.x1 - p.trim!.x0).toBeCloseTo(210 * MM, 2);
    expect(p.bleed!.x0).toBeCloseTo(p.trim!.x0 - 3 * MM, 2);
    expect(p.art).toBeUndefined();
  }
  expect(await preflight(readFileSync(file), { colour: 'cmyk' })).toEqual([]);
  const [pressed, printed] = [await readPdf(file), await readPdf(screen)];
  expect(pressed.pages.length).toBe(printed.pages.length);
  expect(pressed.fonts.filter((f) => !f.embedded || f.type === 'Type3')).toEqual([]);
  const families = (fonts: typeof printed.fonts) =>
    [...new Set(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')))].sort();
  expect(families(pressed.fonts)).toEqual(families(printed.fonts));
  const cjk = pressed.fonts.filter((f) => /SC|CJK/.test(f.name));
  if (base.endsWith('-zh')) expect(cjk.length).toBeGreaterThan(0);
  expect(cjk.every((f) => f.type === 'Type0' && f.subset && f.toUnicode)).toBe(true);
  expect(press.tags).toEqual({ structTree: false, marked: false });
  // drawn (pdf.js in the bundled Chromium): the converted page was placed on the sheet, its band runs into the
  // bleed, and the crop mark is outside it
  const t = press.pages[0]!.trim!;
  const [band, mark] = await samplePage(file, 1, [
    [t.x0 + 30, t.y1 + 1.5 * MM],
    [t.x0 - 3 * MM - 4 * MM, t.y1],
  ]);
  const [r, g, b] = band!.rgb;
  // (pdf.js draws CMYK through its own SWOP-like profile, darker than the sRGB band: a dark red, not white)
  expect(r > g + 20 && r > b + 20 && r + g + b < 450, `band in the bleed: ${band!.rgb}`).toBe(true);
  expect(mark!.darkest, 'crop mark').toBeLessThan(140);
}
