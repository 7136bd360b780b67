import type { BuildContext } from '../context.js';
import { loadVariants, type Variant } from './subset.js';
import { codepoints, split, unicodeRange } from './ranges.js';

/** Text set in one weight: `bold` takes each family's heaviest face, else its regular one. */
export interface TextRun {
  text: string;
  bold: boolean;
}

/**
 * @font-face rules that carry their fonts inside them (WOFF as data: URLs),
 * subset to the characters of `runs`: for a file that must show the bundled
 * fonts wherever it is opened (a chart downloaded as SVG). Every character
 * goes to the first of `families` that has it, as in a CSS font stack.
 * Returns the rules and the characters no family has.
 */
export async function embeddedFontCss(
  ctx: BuildContext,
  families: string[],
  runs: TextRun[],
): Promise<{ css: string; uncovered: string[] }> {
  const wanted = codepoints(runs.map((r) => r.text).join(''));
  const variants = new Map<string, Variant[]>();
  for (const f of families) variants.set(f, await loadVariants(ctx, f, wanted));
  const picked = new Map<Variant, { family: string; cps: Set<number> }>();
  const uncovered = new Set<number>();
  for (const run of runs) {
    for (const cp of codepoints(run.text)) {
      let hit = false;
      for (const family of families) {
        const faces = variants
          .get(family)!
          .filter((v) => v.style === 'normal')
          .sort((a, b) => a.weight - b.weight);
        const face = run.bold ? faces[faces.length - 1] : (faces.find((v) => v.weight === 400) ?? faces[0]);
        if (!face || !face.sources.some((s) => s.has(cp))) continue;
        if (!picked.has(face)) picked.set(face, { family, cps: new Set() });
        picked.get(face)!.cps.add(cp);
        hit = true;
        break;
      }
      if (!hit) uncovered.add(cp);
    }
  }
  const css: string[] = [];
  for (const [face, { family, cps }] of picked) {
    let left = [...cps].sort((a, b) => a - b);
    for (const src of face.sources) {
      const [mine, rest] = split(left, src.has);
      if (!mine.length) continue;
      left = rest;
      const { bytes } = await ctx.session.fontFiles.subset(ctx.cacheDir, src.file, mine);
      css.push(
        `@font-face{font-family:'${family}';font-style:normal;font-weight:${face.weight};` +
          `src:url(data:font/woff;base64,${Buffer.from(bytes).toString('base64')}) format('woff');unicode-range:${unicodeRange(mine)}}`,
      );
      if (!left.length) break;
    }
  }
  return { css: css.join('\n'), uncovered: [...uncovered].map((cp) => String.fromCodePoint(cp)) };
}
