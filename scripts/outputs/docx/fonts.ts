import type { BuildContext, Lang } from '../../context.js';
import { editionFamilies } from '../../fonts/catalogue.js';
import { loadVariants, type Variant } from '../../fonts/subset.js';
import { codepoints, split } from '../../fonts/ranges.js';
import { cachedFont } from '../../fonts/font-files.js';
import { mergeFaces, MERGE_VERSION } from './font-merge.js';

/** One family embedded in the document: its regular and bold faces as TrueType, subset to the edition's text. */
export interface EmbeddedFont {
  name: string;
  data: Buffer;
  bold?: Buffer;
}

/**
 * The families the document's styles name (styles.ts of this folder: the edition's serif and sans, Latin and
 * CJK), each cut down to the characters of the edition's text it has, so that the document shows the bundled
 * fonts wherever it is opened. The styles use two weights, regular and bold: the regular face is the bundled
 * weight nearest 400, the bold one the weight nearest 700 (600 for the Source families, as the HTML edition's
 * headings). Word embeds one file per face, and a package splits a face into unicode-range files (about a
 * hundred for the CJK families): each file is subset to the characters it has (the session's font files), and
 * the subsets are merged into one TrueType font (font-merge.ts); subsets and merged faces are cached on disk.
 */
export async function embeddedFonts(ctx: BuildContext, lang: Lang, text: string): Promise<EmbeddedFont[]> {
  const wanted = codepoints(text);
  const families = [...new Set([...editionFamilies[lang].body, ...editionFamilies[lang].sans])];
  const out: EmbeddedFont[] = [];
  for (const family of families) {
    const variants = (await loadVariants(ctx, family, wanted)).filter((v) => v.style === 'normal');
    const regular = nearest(variants, 400);
    const bold = nearest(variants, 700);
    if (!regular) continue;
    const data = await face(ctx, family, regular, wanted, false);
    if (!data) continue;
    const boldData = bold && bold !== regular ? await face(ctx, family, bold, wanted, true) : undefined;
    out.push({ name: family, data, bold: boldData });
  }
  return out;
}

/** The variant whose weight is nearest `weight` (the heavier of two as near: bold stays bold). */
function nearest(variants: Variant[], weight: number): Variant | undefined {
  const distance = (v: Variant) => Math.abs(v.weight - weight);
  return [...variants].sort((a, b) => distance(a) - distance(b) || b.weight - a.weight)[0];
}

/** One face: every character of `wanted` it has, from whichever of its files has it (the first that does). */
async function face(
  ctx: BuildContext,
  family: string,
  variant: Variant,
  wanted: number[],
  bold: boolean,
): Promise<Buffer | undefined> {
  const parts: { key: string; bytes: Uint8Array }[] = [];
  let left = wanted;
  for (const src of variant.sources) {
    const [mine, rest] = split(left, src.has);
    if (!mine.length) continue;
    left = rest;
    parts.push(await ctx.session.fontFiles.subset(ctx.cacheDir, src.file, mine));
  }
  if (!parts.length) return undefined;
  const key = [MERGE_VERSION, family, bold, ...parts.map((p) => p.key)].join('|');
  const name = { family, bold };
  return Buffer.from(
    await cachedFont(ctx.cacheDir, key, () =>
      mergeFaces(
        parts.map((p) => p.bytes),
        name,
      ),
    ),
  );
}
