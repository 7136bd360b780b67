import path from 'node:path';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../scripts/build.js';
import { startTags } from '../../scripts/stages/apply-templates/page-checks.js';
import { closeTestBrowser, options, reportCopy } from '../helpers.js';
import { readPdf } from '../pdf.js';

/**
 * The report's own files, as a chapter shows and links them (#30, items 2 and 3): images beside the chapter,
 * in images/ and in data/, and links to a dataset, a heading, a chapter and a PDF of the report. Built end to
 * end (HTML and PDF); what the pages and the PDF point at is read back and must be a file that was published.
 */

/** A PNG of one colour, `width` × `height`, as a test can write it without an image library. */
function png(width: number, height: number, rgb: number[]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => (b.reduce((c, x) => crcTable[(c ^ x) & 0xff]! ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const svg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60"><rect width="120" height="60" fill="#2a6"/></svg>';
const written =
  '![A red box](pic.png)\n\n![A map](../../images/map.svg) and ![A photo](../../data/photo.png)\n\n' +
  'See [the data](../../data/growth.csv), [growth](01-main.md#growth), [the chapter](01-main.md) and [the annex](../../images/annex.pdf).\n';

let root: string;
let out: string;
let result: BuildResult;
const page = (lang: string) => readFileSync(path.join(out, lang, 'index.html'), 'utf8');
/** Every URL the page links or loads, by element: [tag, attribute, value]. */
const urls = (html: string) =>
  [...startTags(html)].flatMap(({ tag, attrs }) =>
    ['href', 'src'].flatMap((a) => (attrs.has(a) ? [[tag, a, attrs.get(a)!] as const] : [])),
  );
const imgs = (html: string) => [...startTags(html)].filter((t) => t.tag === 'img').map((t) => t.attrs);

beforeAll(async () => {
  root = reportCopy('mini');
  out = path.join(mkdtempSync(path.join(tmpdir(), 'report-files-')), 'dist');
  mkdirSync(path.join(root, 'images'));
  writeFileSync(path.join(root, 'images', 'map.svg'), svg);
  writeFileSync(path.join(root, 'images', 'annex.pdf'), '%PDF-1.4\n%%EOF\n');
  writeFileSync(path.join(root, 'data', 'photo.png'), png(30, 20, [40, 90, 200]));
  for (const lang of ['zh', 'en']) {
    writeFileSync(path.join(root, 'content', lang, 'pic.png'), png(400, 200, [200, 80, 40]));
    const chapter = path.join(root, 'content', lang, '01-main.md');
    writeFileSync(chapter, `${readFileSync(chapter, 'utf8')}\n${written}`);
  }
  result = await build(options(root, out));
});
afterAll(async () => {
  await closeTestBrowser();
  rmSync(root, { recursive: true, force: true });
  rmSync(path.dirname(out), { recursive: true, force: true });
});

describe("a chapter's images and links to the report's files", () => {
  it('build without an error', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('publish each image in the edition, with its size in pixels and its alt text', () => {
    for (const lang of ['zh', 'en']) {
      const [pic, map, photo] = imgs(page(lang)).filter((a) => a.get('src')?.startsWith('assets/media/'));
      expect(pic?.get('src')).toMatch(/^assets\/media\/pic-[0-9a-f]{10}\.png$/);
      expect([pic?.get('width'), pic?.get('height'), pic?.get('alt')]).toEqual(['400', '200', 'A red box']);
      expect([map?.get('width'), map?.get('height')]).toEqual(['120', '60']);
      expect([photo?.get('width'), photo?.get('height')]).toEqual(['30', '20']);
      expect(readFileSync(path.join(out, lang, pic!.get('src')!))).toEqual(
        readFileSync(path.join(root, 'content', lang, 'pic.png')),
      );
      expect(readFileSync(path.join(out, lang, map!.get('src')!), 'utf8')).toBe(svg);
      expect(readFileSync(path.join(out, lang, photo!.get('src')!))).toEqual(
        readFileSync(path.join(root, 'data', 'photo.png')),
      );
    }
  });

  it("point every link at the dataset's CSV, the chapter's place or the published file", () => {
    const html = page('en');
    const ids = new Set([...startTags(html)].flatMap((t) => t.attrs.get('id') ?? []));
    const hrefs = urls(html).map(([, , v]) => v);
    expect(hrefs).toContain('data/growth.csv');
    expect(readFileSync(path.join(out, 'en', 'data', 'growth.csv'))).toEqual(
      readFileSync(path.join(root, 'data', 'growth.csv')),
    );
    expect(hrefs).toContain('#growth');
    expect(hrefs).toContain('#section-main');
    expect(ids.has('growth') && ids.has('section-main')).toBe(true);
    const annex = hrefs.find((h) => /^files\/annex-[0-9a-f]{10}\.pdf$/.test(h));
    expect(readFileSync(path.join(out, 'en', annex!), 'utf8')).toBe('%PDF-1.4\n%%EOF\n');
    // Nothing on the page leads back into the report folder or to the machine.
    for (const [tag, attr, value] of urls(html)) expect(`${tag} ${attr} ${value}`).not.toMatch(/ (file:|\.\.\/\.\.\/)/);
  });

  it("give the PDF's links their place beside the PDF, never a file: URI of the build machine", async () => {
    const pdf = await readPdf(path.join(out, 'en', 'mini-report-en.pdf'));
    const links = pdf.pages.flatMap((p) => p.links);
    const uris = links.flatMap((l) => l.uri ?? []);
    expect(uris).toContain('data/growth.csv');
    expect(uris.some((u) => /^files\/annex-[0-9a-f]{10}\.pdf$/.test(u))).toBe(true);
    expect(uris.filter((u) => /^file:/i.test(u))).toEqual([]);
    expect(links.some((l) => l.dest === 'growth' && l.page !== undefined)).toBe(true);
  });
});
