import type { BuildContext, Lang } from '../../context.js';
import { editionFamilies } from '../../fonts/catalogue.js';
import { loadVariants, type Variant } from '../../fonts/subset.js';
import { codepoints } from '../../fonts/ranges.js';

/** One family embedded in the document: its regular and bold faces as TrueType, subset to the edition's text. */
export interface EmbeddedFont {
  name: string;
  data: Buffer;
  bold?: Buffer;
}

/**
 * The families the document's styles name (fonts.ts of this folder: the edition's serif and sans, Latin and
 * CJK), each cut down to the characters of the edition's text it has, so that the document shows the bundled
 * fonts wherever it is opened. A face is subset from the one package file that has most of those characters
 * (Word embeds one file per face), through the session's font files (cached like the editions' subsets).
 */
export async function embeddedFonts(ctx: BuildContext, lang: Lang, text: string): Promise<EmbeddedFont[]> {
  const wanted = codepoints(text);
  const families = [...new Set([...editionFamilies[lang].body, ...editionFamilies[lang].sans])];
  const out: EmbeddedFont[] = [];
  for (const family of families) {
    const variants = (await loadVariants(ctx, family, wanted)).filter((v) => v.style === 'normal');
    variants.sort((a, b) => a.weight - b.weight);
    const regular = variants[0];
    const bold = variants.length > 1 ? variants[variants.length - 1] : undefined;
    if (!regular) continue;
    const data = await face(ctx, regular, wanted);
    if (!data) continue;
    out.push({ name: family, data, bold: bold ? await face(ctx, bold, wanted) : undefined });
  }
  return out;
}

async function face(ctx: BuildContext, variant: Variant, wanted: number[]): Promise<Buffer | undefined> {
  const best = variant.sources
    .map((s) => ({ s, cps: wanted.filter((cp) => s.has(cp)) }))
    .sort((a, b) => b.cps.length - a.cps.length)[0];
  if (!best || !best.cps.length) return undefined;
  const { bytes } = await ctx.session.fontFiles.subset(ctx.cacheDir, best.s.file, best.cps);
  const { default: fontverter } = await import('fontverter');
  return Buffer.from(await fontverter.convert(bytes, 'truetype'));
}
