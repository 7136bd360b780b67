import path from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import JSZip from 'jszip';
import { Blob as HbBlob, Buffer as HbBuffer, Face as HbFace, Font as HbFont, shape } from 'harfbuzzjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { closeTestBrowser, options, reportCopy } from '../helpers.js';

/**
 * The fonts the DOCX edition of the repository's own report embeds, read back as Word reads them: each
 * `w:embedRegular` / `w:embedBold` part of word/fontTable.xml de-obfuscated with its `w:fontKey` (ECMA-376
 * Part 1, §17.8.1: the first 32 bytes of the font XORed with the key's 16 bytes, taken from the GUID's hex
 * digits read from the end) and read with HarfBuzz. Each face must hold every character of the document's text
 * that its family is there for, have the weight its style asks for, and carry the name the document gives it.
 */
const root = reportCopy('real');
const out = path.join(root, 'dist');
const id = 'sz-hk-sci-tech-cooperation-2023';
const langs = ['zh', 'en'] as const;
type Lang = (typeof langs)[number];

interface Embedded {
  family: string;
  bold: boolean;
  font: Face;
}

/** What the test reads of an embedded font. */
interface Face {
  weight: number;
  /** Names 1, 2 and 6: family, style, PostScript name. */
  names: string[];
  /** The code points of `cps` it maps to a glyph with an outline (or, for a space, to any glyph). */
  drawn: (cps: number[]) => Set<number>;
}

function readFace(bytes: Uint8Array): Face {
  const face = new HbFace(new HbBlob(bytes), 0);
  const font = new HbFont(face);
  const mapped = new Set(face.collectUnicodes());
  const os2 = face.referenceTable('OS/2')!;
  return {
    weight: (os2[4]! << 8) | os2[5]!,
    names: [1, 2, 6].map((id) => face.getName(id, 'en')),
    drawn: (cps) => {
      const out = new Set<number>();
      for (const cp of cps.filter((c) => mapped.has(c))) {
        const buffer = new HbBuffer();
        buffer.addCodePoints([cp]);
        buffer.guessSegmentProperties();
        shape(font, buffer);
        const glyph = buffer.getGlyphInfos()[0]!.codepoint;
        if (glyph && (blank(cp) || font.glyphToPath(glyph))) out.add(cp);
      }
      return out;
    },
  };
}
const editions = new Map<Lang, { text: string; fonts: Embedded[] }>();

beforeAll(async () => {
  await build(options(root, out, { formats: ['docx'] }));
  for (const lang of langs) {
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, lang, `${id}-${lang}.docx`)));
    const parts = Object.keys(zip.files).filter((p) => /^word\/(document|footnotes|header\d*|footer\d*)\.xml$/.test(p));
    const xml = await Promise.all(parts.map((p) => zip.file(p)!.async('string')));
    const text = xml.flatMap((x) => [...x.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1]!)));
    editions.set(lang, { text: text.join(''), fonts: await embedded(zip) });
  }
});
afterAll(async () => {
  await closeTestBrowser();
  rmSync(root, { recursive: true, force: true });
});

async function embedded(zip: JSZip): Promise<Embedded[]> {
  const table = await zip.file('word/fontTable.xml')!.async('string');
  const rels = await zip.file('word/_rels/fontTable.xml.rels')!.async('string');
  const target = (rid: string) => new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
  const out: Embedded[] = [];
  for (const [, family, body] of table.matchAll(/<w:font w:name="([^"]+)">(.*?)<\/w:font>/g)) {
    for (const [, kind, rid, key] of body!.matchAll(/<w:embed(Regular|Bold) r:id="([^"]+)" w:fontKey="([^"]+)"/g)) {
      const bytes = await zip.file(path.posix.join('word', target(rid!)))!.async('nodebuffer');
      const font = readFace(deobfuscate(bytes, key!));
      out.push({ family: family!, bold: kind === 'Bold', font });
    }
  }
  return out;
}

function deobfuscate(bytes: Buffer, guid: string): Buffer {
  const hex = guid.replace(/[{}-]/g, '');
  const key = Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(30 - 2 * i, 32 - 2 * i), 16));
  const font = Buffer.from(bytes);
  for (let i = 0; i < 32; i++) font[i]! ^= key[i % 16]!;
  return font;
}

function unescape(s: string): string {
  return s.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!,
  );
}

const isCjk = (cp: number) =>
  (cp >= 0x2e80 && cp <= 0x9fff) ||
  (cp >= 0xf900 && cp <= 0xfaff) ||
  (cp >= 0xfe30 && cp <= 0xfe4f) ||
  (cp >= 0xff00 && cp <= 0xffef);
const isLatin = (cp: number) => cp >= 0x20 && cp <= 0x24f && cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0);
const blank = (cp: number) => /\s/u.test(String.fromCodePoint(cp));

/** The characters of `text` the test picks that the face has no glyph for (or, but for spaces, an empty one). */
function missing(font: Face, text: string, pick: (cp: number) => boolean): string[] {
  const cps = [...new Set([...text].map((c) => c.codePointAt(0)!))].filter(pick);
  const drawn = font.drawn(cps);
  return cps.filter((cp) => !drawn.has(cp)).map((cp) => String.fromCodePoint(cp));
}

describe('the DOCX edition’s embedded fonts', () => {
  it('embeds a regular and a bold face of each family the styles name', () => {
    expect(editions.get('zh')!.fonts.map((f) => `${f.family}${f.bold ? ' bold' : ''}`)).toEqual([
      'Noto Serif SC',
      'Noto Serif SC bold',
      'Noto Sans SC',
      'Noto Sans SC bold',
    ]);
    expect(editions.get('en')!.fonts.map((f) => f.family)).toEqual([
      ...['Source Serif 4', 'Source Serif 4', 'Noto Serif SC', 'Noto Serif SC'],
      ...['Source Sans 3', 'Source Sans 3', 'Noto Sans SC', 'Noto Sans SC'],
    ]);
  });

  it('holds every character of the text its family is there for: CJK in Noto, Latin in the Latin face', () => {
    for (const lang of langs) {
      const { text, fonts } = editions.get(lang)!;
      const distinctCjk = new Set([...text].filter((c) => isCjk(c.codePointAt(0)!))).size;
      expect(distinctCjk, `${lang}: distinct CJK characters`).toBeGreaterThan(lang === 'zh' ? 500 : 20);
      for (const f of fonts) {
        const latinFace = lang === 'zh' || f.family.startsWith('Source');
        const cjk = f.family.startsWith('Noto') ? missing(f.font, text, isCjk) : [];
        const latin = latinFace ? missing(f.font, text, isLatin) : [];
        expect({ face: `${lang} ${f.family} ${f.bold}`, cjk, latin }).toEqual({
          face: `${lang} ${f.family} ${f.bold}`,
          cjk: [],
          latin: [],
        });
      }
    }
  });

  it('takes the regular weight and the bold one, named as the document names them', () => {
    // (400 and 700; 600 for the Source families: their heaviest bundled weight, which the PDF prints as bold)
    for (const lang of langs)
      for (const f of editions.get(lang)!.fonts) {
        const weight = !f.bold ? 400 : f.family.startsWith('Source') ? 600 : 700;
        const style = f.bold ? 'Bold' : 'Regular';
        expect([f.font.weight, ...f.font.names], `${lang} ${f.family}`).toEqual([
          weight,
          f.family,
          style,
          `${f.family.replace(/ /g, '')}-${style}`,
        ]);
      }
  });
});
