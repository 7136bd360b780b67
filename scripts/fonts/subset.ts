import type { BuildContext, Lang } from '../context.js';
import { allFaces, editionFamilies, wholeFile, type FontFace } from './catalogue.js';
import { codepoints, inRanges, inSorted, meets, split, unicodeRange } from './ranges.js';

/**
 * An edition's fonts, cut down to the characters it prints. Every character
 * goes to the first family of its stack (body, sans) that has it; each face of
 * that family (weights, italics) is then subset from the package's files: the
 * whole-script file where the package ships one (one file instead of dozens of
 * slices), the unicode-range slices for the rest. Output is WOFF, deflated
 * with Node's zlib (fonts/woff.ts): encoding WOFF2 in wasm costs seconds per
 * face. Subsets are cached
 * in <cache>/fonts by source file and character set.
 */
/** A font file of the edition: made here (`bytes`), or a package file shipped as it is (`from`). */
export type SubsetFile = { name: string; bytes: Uint8Array } | { name: string; from: string };

export interface EditionFonts {
  css: string;
  files: SubsetFile[];
  /** Characters no bundled font has. */
  uncovered: string[];
}

export async function subsetEditionFonts(ctx: BuildContext, lang: Lang, text: string): Promise<EditionFonts> {
  const stacks = editionFamilies[lang];
  const wanted = codepoints(text);
  const familyVariants = new Map<string, Variant[]>();
  const variantsOf = async (family: string): Promise<Variant[]> => {
    if (!familyVariants.has(family)) familyVariants.set(family, await loadVariants(ctx, family, wanted));
    return familyVariants.get(family)!;
  };
  const perFamily = new Map<string, Set<number>>();
  const uncovered = new Set<number>();
  for (const stack of [stacks.body, stacks.sans]) {
    for (const cp of wanted) {
      let hit: string | undefined;
      for (const family of stack) {
        if ((await variantsOf(family))[0]!.sources.some((s) => s.has(cp))) {
          hit = family;
          break;
        }
      }
      if (!hit) {
        uncovered.add(cp);
        continue;
      }
      if (!perFamily.has(hit)) perFamily.set(hit, new Set());
      perFamily.get(hit)!.add(cp);
    }
  }
  const css: string[] = [];
  const files: SubsetFile[] = [];
  for (const [family, cps] of perFamily) {
    for (const variant of await variantsOf(family)) {
      let left = [...cps].sort((a, b) => a - b);
      for (const src of variant.sources) {
        const [mine, rest] = split(left, src.has);
        if (!mine.length) continue;
        left = rest;
        const out = await ctx.session.fontFiles.subset(ctx.cacheDir, src.file, mine);
        const name = `${slug(family)}-${variant.weight}${variant.style === 'italic' ? 'i' : ''}-${out.key.slice(0, 10)}.woff`;
        files.push({ name, bytes: out.bytes });
        css.push(
          `@font-face{font-family:'${family}';font-style:${variant.style};font-weight:${variant.weight};font-display:block;` +
            `src:url(fonts/${name}) format('woff');unicode-range:${unicodeRange(mine)}}`,
        );
        if (!left.length) break;
      }
    }
  }
  return { css: css.join('\n'), files, uncovered: [...uncovered].map((cp) => String.fromCodePoint(cp)) };
}

export interface Source {
  file: string;
  /** Whether the file has a glyph for the code point (its CSS unicode-range and its own cmap agree). */
  has: (cp: number) => boolean;
}

export interface Variant {
  weight: number;
  style: 'normal' | 'italic';
  sources: Source[];
}

/**
 * A family's faces, each with its files in the order they are preferred: the
 * whole-script file, then the slices. A file is looked at (its cmap read,
 * then cached) only when its unicode-range meets a character that the files
 * before it do not have.
 */
export async function loadVariants(ctx: BuildContext, family: string, wanted: number[]): Promise<Variant[]> {
  const byKey = new Map<string, { weight: number; style: 'normal' | 'italic'; slices: FontFace[] }>();
  for (const s of allFaces(ctx.session.fontFaces, ctx.packageDir, [family])) {
    const k = `${s.weight}-${s.style}`;
    if (!byKey.has(k)) byKey.set(k, { weight: s.weight, style: s.style, slices: [] });
    byKey.get(k)!.slices.push(s);
  }
  const out: Variant[] = [];
  for (const v of byKey.values()) {
    const sources: Source[] = [];
    const whole = wholeFile(ctx.packageDir, family, v.weight, v.style);
    const candidates = [
      ...(whole ? [{ file: whole, ranges: [[0, 0x10ffff]] as [number, number][] }] : []),
      ...v.slices,
    ];
    let left = wanted;
    for (const c of candidates) {
      if (!meets(c.ranges, left)) continue;
      const cmap = await ctx.session.fontFiles.cmapRanges(ctx.cacheDir, c.file);
      const has = (cp: number) => inRanges(c.ranges, cp) && inSorted(cmap, cp);
      sources.push({ file: c.file, has });
      left = split(left, has)[1];
      if (!left.length) break;
    }
    out.push({ weight: v.weight, style: v.style, sources });
  }
  return out;
}

function slug(family: string): string {
  return family.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/**
 * On a first build, read the large whole-script font files (decode them, read
 * their character maps) in the background: called while Chromium renders the
 * charts, when Node would only wait. Once their character maps are cached this
 * does nothing, and a build decodes a file only when it needs a new subset.
 */
export function prefetchFonts(ctx: BuildContext, langs: Lang[]): void {
  const families = new Set(langs.flatMap((l) => [...editionFamilies[l].body, ...editionFamilies[l].sans]));
  const wholes = new Set<string>();
  for (const family of families) {
    for (const face of allFaces(ctx.session.fontFaces, ctx.packageDir, [family])) {
      const whole = wholeFile(ctx.packageDir, family, face.weight, face.style);
      if (whole) wholes.add(whole);
    }
  }
  for (const whole of wholes)
    if (!ctx.session.fontFiles.cmapCached(ctx.cacheDir, whole))
      ctx.session.fontFiles.cmapRanges(ctx.cacheDir, whole).catch(() => undefined);
}
