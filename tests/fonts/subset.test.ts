import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import fontverter from 'fontverter';
import { Blob as HbBlob, Face as HbFace } from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { prefetchFonts, subsetEditionFonts } from '../../scripts/fonts/subset.js';
import { unicodeRange } from '../../scripts/fonts/ranges.js';
import { Diagnostics } from '../../scripts/diagnostics/collector.js';
import { newSession, type BuildContext } from '../../scripts/context.js';
import { repo } from '../helpers.js';

function context(): BuildContext {
  return {
    root: repo,
    packageDir: repo,
    diagnostics: new Diagnostics(),
    log: () => undefined,
    cacheDir: mkdtempSync(path.join(tmpdir(), 'fonts-cache-')),
    browser: () => Promise.reject(new Error('no browser in this test')),
    browserTimeoutMs: 1000,
    session: newSession(),
  };
}

async function glyphsOf(bytes: Uint8Array): Promise<Set<number>> {
  const face = new HbFace(new HbBlob(await fontverter.convert(bytes, 'truetype')), 0);
  return new Set(face.collectUnicodes());
}

describe('font subsets', () => {
  // First in the file, so that nothing is decoded yet: the two editions' decodes overlap.
  it('gives each of two editions subset at once the characters it asked for (decodes do not trample each other)', async () => {
    const ctx = context();
    const texts = { zh: '深圳与香港的科技合作', en: 'Shenzhen 河套 Hetao' } as const;
    prefetchFonts(ctx, ['zh', 'en']); // the four large files, all at once, as a first build does
    const results = await Promise.all((['zh', 'en'] as const).map((l) => subsetEditionFonts(ctx, l, texts[l])));
    for (const [i, l] of (['zh', 'en'] as const).entries()) {
      const han = [...texts[l]].filter((ch) => /\p{Script=Han}/u.test(ch)).map((ch) => ch.codePointAt(0)!).sort((a, b) => a - b);
      const noto = results[i]!.files.filter((f) => f.name.startsWith('noto-serif-sc-400'));
      const glyphs = new Set<number>();
      for (const f of noto) for (const cp of await glyphsOf('bytes' in f ? f.bytes : new Uint8Array())) glyphs.add(cp);
      expect([...glyphs].filter((cp) => cp > 0x2000).sort((a, b) => a - b), l).toEqual([...new Set(han)]);
    }
  });

  it('ships only the characters an edition prints, each in the first family of its stack that has it', async () => {
    const fonts = await subsetEditionFonts(context(), 'en', 'Hetao 河套 2022');
    // Latin goes to Source Serif 4 / Source Sans 3, the Chinese to Noto Serif SC / Noto Sans SC.
    const families = new Set(fonts.css.split('\n').map((rule) => /font-family:'([^']+)'/.exec(rule)?.[1]));
    expect(families).toEqual(new Set(['Source Serif 4', 'Source Sans 3', 'Noto Serif SC', 'Noto Sans SC']));
    const serifRegular = fonts.css.split('\n').find((r) => r.includes("'Noto Serif SC'") && r.includes('font-weight:400'))!;
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
