import type { TTF } from 'fonteditor-core';

/** Bump when mergeFaces makes another font from the same subsets (merged faces are cached by it). */
export const MERGE_VERSION = '1';

/** How the merged face is named inside the font: Word and LibreOffice read the family and style from here. */
export interface FaceName {
  family: string;
  bold: boolean;
}

/**
 * One TrueType font (glyf outlines, as Word embeds them) from the subsets of one face's files: the first subset
 * keeps its tables (metrics, OS/2 with its weight class and embedding rights, post) and receives the glyphs of
 * the others, each with the code points it maps. The @fontsource files of a face are slices of one font (same
 * units per em, same vertical metrics), cut by unicode-range, so their glyphs sit side by side unchanged. Reading
 * and writing the tables is fonteditor-core's; composite glyphs of the files merged in are made simple on
 * reading, so that no glyph refers to another by an index the merge moves. Layout tables (GSUB, GPOS, vertical
 * metrics) and hinting are not kept.
 */
export async function mergeFaces(parts: Uint8Array[], name: FaceName): Promise<Buffer> {
  const lib = await import('fonteditor-core');
  // (its "module" build is CommonJS: bundled by the CLI's esbuild, its exports arrive as the default export)
  const Font = lib.Font ?? (lib.default as unknown as typeof lib).Font;
  const { default: fontverter } = await import('fontverter');
  // (WOFF unpacked by fontverter, as the session's font files are: fonteditor-core's reader wants inflate passed in)
  const read = async (bytes: Uint8Array, simple: boolean) =>
    Font.create(Buffer.from(await fontverter.convert(bytes, 'truetype')), { type: 'ttf', compound2simple: simple });
  const [first, ...rest] = parts;
  if (!first) throw new Error('mergeFaces: no font to merge');
  const base = await read(first, false); // (its glyphs keep their indices)
  const ttf = base.get();
  const mapped = new Set(ttf.glyf.flatMap((g) => g.unicode ?? []));
  for (const part of rest) {
    const other = (await read(part, true)).get();
    if (other.head.unitsPerEm !== ttf.head.unitsPerEm)
      throw new Error(`mergeFaces: ${name.family} slices differ in units per em`);
    for (const glyph of other.glyf.slice(1)) {
      const unicode = (glyph.unicode ?? []).filter((cp) => !mapped.has(cp));
      // (a glyph another slice already maps, or one only reached through layout tables that are not kept)
      if (!unicode.length) continue;
      unicode.forEach((cp) => mapped.add(cp));
      ttf.glyf.push({ ...glyph, unicode });
    }
  }
  rename(ttf, name);
  base.set(ttf);
  return base.write({ type: 'ttf', toBuffer: true });
}

/** The family as the document names it, and Regular or Bold: the package files keep their variable font's names. */
function rename(ttf: TTF.TTFObject, name: FaceName): void {
  const style = name.bold ? 'Bold' : 'Regular';
  const ps = `${name.family.replace(/\s+/g, '')}-${style}`;
  Object.assign(ttf.name, {
    fontFamily: name.family,
    fontSubFamily: style,
    uniqueSubFamily: ps,
    fullName: `${name.family} ${style}`,
    postScriptName: ps,
    preferredFamily: name.family,
    preferredSubFamily: style,
  });
  const os2 = ttf['OS/2'];
  // fsSelection: bit 0 italic, 5 bold, 6 regular; macStyle: bit 0 bold
  const selection = os2.fsSelection & ~(1 | (1 << 5) | (1 << 6));
  os2.fsSelection = selection | (name.bold ? 1 << 5 : 1 << 6);
  ttf.head.macStyle = (ttf.head.macStyle & ~3) | (name.bold ? 1 : 0);
}
