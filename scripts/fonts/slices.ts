import path from 'node:path';
import type { BuildContext, Lang } from '../context.js';
import { allFaces, editionFamilies, fontFaceCss } from './catalogue.js';
import { codepoints, meets } from './ranges.js';
import type { EditionFonts } from './subset.js';

/**
 * The quick way, for dev mode: the package's own unicode-range slices that meet
 * the edition's characters, unchanged (no subsetting, so no wait when a new
 * character is typed; heavier, so not for publishing).
 */
export function sliceEditionFonts(ctx: BuildContext, lang: Lang, text: string): EditionFonts {
  const stacks = editionFamilies[lang];
  const wanted = codepoints(text);
  const slices = allFaces(ctx.session.fontFaces, ctx.packageDir, [...new Set([...stacks.body, ...stacks.sans])]).filter(
    (f) => meets(f.ranges, wanted),
  );
  return {
    css: fontFaceCss(slices, (f) => `fonts/${path.basename(f.file)}`),
    files: slices.map((f) => ({ name: path.basename(f.file), from: f.file })),
    uncovered: [],
  };
}
