import path from 'node:path';
import { cpSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import fontverter from 'fontverter';
import { Blob as HbBlob, Face as HbFace } from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { prefetchFonts, subsetEditionFonts } from '../../scripts/fonts/subset.js';
import { unicodeRange } from '../../scripts/fonts/ranges.js';
import { FontFiles } from '../../scripts/fonts/font-files.js';
import { wholeFile } from '../../scripts/fonts/catalogue.js';
import { Diagnostics } from '../../scripts/diagnostics/collector.js';
import { newSession, type BuildContext } from '../../scripts/context.js';
import { repo } from '../helpers.js';

/** The real WOFF2 decoder, counting the decodes under way: the most at once, and how many were asked for while one ran. */
function watchedDecoder() {
  const seen = { running: 0, most: 0, total: 0 };
  const decode = async (bytes: Uint8Array) => {
    seen.total++;
    seen.most = Math.max(seen.most, ++seen.running);
    try {
      return await fontverter.convert(bytes, 'truetype');
    } finally {
      seen.running--;
    }
  };
  return { seen, decode };
}

function context(fontFiles?: FontFiles): BuildContext {
  const session = newSession();
  if (fontFiles) session.fontFiles = fontFiles;
  return {
    root: repo,
    packageDir: repo,
    diagnostics: new Diagnostics(),
    log: () => undefined,
    cacheDir: mkdtempSync(path.join(tmpdir(), 'fonts-cache-')),
    browser: () => Promise.reject(new Error('no browser in this test')),
    browserTimeoutMs: 1000,
    session,
  };
}

async function glyphsOf(bytes: Uint8Array): Promise<Set<number>> {
  const face = new HbFace(new HbBlob(await fontverter.convert(bytes, 'truetype')), 0);
  return new Set(face.collectUnicodes());
}

describe('font subsets', () => {
  it('are named by the font package and file, not by when it was installed: the same on every machine', async () => {
    const real = path.join(
      repo,
      'node_modules',
      '@fontsource',
      'source-sans-3',
      'files',
      'source-sans-3-latin-400-normal.woff2',
    );
    /** A copy of the font file in a package of the given version; its time of installation, `when`. */
    const install = (version: string, when: Date) => {
      const pkg = mkdtempSync(path.join(tmpdir(), 'font-pkg-'));
      mkdirSync(path.join(pkg, 'files'));
      writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@fontsource/source-sans-3', version }));
      const file = path.join(pkg, 'files', path.basename(real));
      cpSync(real, file);
      utimesSync(file, when, when);
      return file;
    };
    const keyOf = async (file: string) =>
      (await new FontFiles().subset(mkdtempSync(path.join(tmpdir(), 'fonts-cache-')), file, [0x41, 0x42])).key;
    const first = await keyOf(install('5.3.0', new Date('2026-01-01T00:00:00Z')));
    expect(await keyOf(install('5.3.0', new Date('2026-06-01T12:34:56Z'))), 'installed later, elsewhere').toBe(first);
    expect(await keyOf(install('5.4.0', new Date('2026-01-01T00:00:00Z'))), 'another version of the package').not.toBe(
      first,
    );
  });

  it('decodes one font file at a time, however many are asked for at once (the WOFF2 decoder reuses its memory)', async () => {
    const files = ['Noto Serif SC', 'Noto Sans SC'].map((family) => wholeFile(repo, family, 400, 'normal')!);
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'fonts-cache-'));
    // Each file alone, on its own: what its character map is.
    const alone = [];
    for (const f of files)
      alone.push(await new FontFiles().cmapRanges(mkdtempSync(path.join(tmpdir(), 'fonts-cache-')), f));
    const { seen, decode } = watchedDecoder();
    const shared = new FontFiles(decode);
    const both = await Promise.all(files.map((f) => shared.cmapRanges(cacheDir, f)));
    expect(seen.total).toBe(2);
    expect(seen.most, 'decodes under way at once').toBe(1);
    expect(both).toEqual(alone);
  });

  it('gives each of two editions subset at once the characters it asked for (decodes do not trample each other)', async () => {
    const { seen, decode } = watchedDecoder();
    const ctx = context(new FontFiles(decode));
    const texts = { zh: '深圳与香港的科技合作', en: 'Shenzhen 河套 Hetao' } as const;
    prefetchFonts(ctx, ['zh', 'en']); // the four large files, all at once, as a first build does
    const results = await Promise.all((['zh', 'en'] as const).map((l) => subsetEditionFonts(ctx, l, texts[l])));
    // The test means something only if several decodes were asked for at once (a fresh session and cache: nothing decoded yet).
    expect(seen.total).toBeGreaterThanOrEqual(2);
    expect(seen.most).toBe(1);
    for (const [i, l] of (['zh', 'en'] as const).entries()) {
      const han = [...texts[l]]
        .filter((ch) => /\p{Script=Han}/u.test(ch))
        .map((ch) => ch.codePointAt(0)!)
        .sort((a, b) => a - b);
      const noto = results[i]!.files.filter((f) => f.name.startsWith('noto-serif-sc-400'));
      const glyphs = new Set<number>();
      for (const f of noto) for (const cp of await glyphsOf('bytes' in f ? f.bytes : new Uint8Array())) glyphs.add(cp);
      expect(
        [...glyphs].filter((cp) => cp > 0x2000).sort((a, b) => a - b),
        l,
      ).toEqual([...new Set(han)]);
    }
  });

  it('ships only the characters an edition prints, each in the first family of its stack that has it', async () => {
    const fonts = await subsetEditionFonts(context(), 'en', 'Hetao 河套 2022');
    // Latin goes to Source Serif 4 / Source Sans 3, the Chinese to Noto Serif SC / Noto Sans SC.
    const families = new Set(fonts.css.split('\n').map((rule) => /font-family:'([^']+)'/.exec(rule)?.[1]));
    expect(families).toEqual(new Set(['Source Serif 4', 'Source Sans 3', 'Noto Serif SC', 'Noto Sans SC']));
    const serifRegular = fonts.css
      .split('\n')
      .find((r) => r.includes("'Noto Serif SC'") && r.includes('font-weight:400'))!;
    expect(serifRegular).toContain('unicode-range:U+5957,U+6cb3');
    for (const f of fonts.files) {
      if (!('bytes' in f)) throw new Error(`${f.name} was not subset`);
      const glyphs = await glyphsOf(f.bytes);
      if (f.name.startsWith('noto-')) {
        expect([...glyphs].filter((cp) => cp > 0x2000).sort((a, b) => a - b)).toEqual([0x5957, 0x6cb3]);
      } else {
        expect(glyphs.has('H'.codePointAt(0)!)).toBe(true);
        expect(glyphs.has(0x6cb3)).toBe(false);
        expect(glyphs.size).toBeLessThan(40);
      }
    }
    expect(fonts.uncovered).toEqual([]);
  });

  it('names the characters no bundled font has (by the fonts’ own character maps, not their CSS ranges)', async () => {
    const fonts = await subsetEditionFonts(context(), 'zh', '注释↩');
    expect(fonts.uncovered).toEqual(['↩']);
  });

  it('writes unicode-range as runs', () => {
    expect(unicodeRange([0x41, 0x42, 0x43, 0x4e00])).toBe('U+41-43,U+4e00');
  });
});
