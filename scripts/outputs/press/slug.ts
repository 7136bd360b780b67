import type { BuildContext } from '../../context.js';
import { knownFamily } from '../../fonts/font-match.js';

/** The slug's typeface (a bundled font) and size in points. */
const FAMILY = 'Source Sans 3';
export const SLUG_SIZE = 6;

/** Draws a line of Latin text as filled outlines: the slug needs no font in the file (nothing to embed). */
export type SlugPainter = (text: string, x: number, y: number) => string;

/**
 * The slug's painter: the bundled Source Sans 3 shaped by HarfBuzz, each glyph's outline (harfbuzzjs
 * `glyphToPath`, font units, y up) written as path operators at SLUG_SIZE.
 */
export async function slugPainter(ctx: BuildContext): Promise<SlugPainter> {
  const face = knownFamily(ctx.session.fontFaces, ctx.packageDir, FAMILY).find(
    (f) => f.weight === 400 && f.style === 'normal' && f.ranges.some(([a, b]) => a <= 0x41 && 0x7a <= b),
  );
  if (!face) throw new Error(`the bundled ${FAMILY} has no Latin face`);
  const hb = await import('harfbuzzjs');
  const hbFace = new hb.Face(new hb.Blob(await ctx.session.fontFiles.sfntOf(face.file)), 0);
  const font = new hb.Font(hbFace);
  const scale = SLUG_SIZE / hbFace.upem;
  const buffer = new hb.Buffer();
  return (text, x, y) => {
    buffer.reset();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    hb.shape(font, buffer);
    const infos = buffer.getGlyphInfos();
    const positions = buffer.getGlyphPositions();
    const ops: string[] = [];
    let pen = 0;
    infos.forEach((info, i) => {
      const at = positions[i]!;
      const path = font.glyphToPath(info.codepoint);
      if (path)
        ops.push(`q ${scale} 0 0 ${scale} ${x + pen * scale} ${y} cm ${svgToPdf(path, at.xOffset, at.yOffset)} f Q`);
      pen += at.xAdvance;
    });
    return ops.join('\n');
  };
}

/** An SVG path (M, L, Q, C, Z, absolute: what HarfBuzz writes) → PDF path operators, shifted by (dx, dy). */
export function svgToPdf(d: string, dx = 0, dy = 0): string {
  const out: string[] = [];
  let [cx, cy] = [0, 0];
  for (const [, cmd, args] of d.matchAll(/([MLQCZ])([^MLQCZ]*)/g)) {
    const v = (args!.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? []).map(Number);
    const p = (i: number) => `${v[i]! + dx} ${v[i + 1]! + dy}`;
    if (cmd === 'M') out.push(`${p(0)} m`);
    else if (cmd === 'L') out.push(`${p(0)} l`);
    else if (cmd === 'C') out.push(`${p(0)} ${p(2)} ${p(4)} c`);
    else if (cmd === 'Q') {
      // a quadratic Bézier as the cubic with the same curve: control points 2/3 of the way to the quadratic's
      const [qx, qy, ex, ey] = v as [number, number, number, number];
      const c1 = [cx + ((qx - cx) * 2) / 3, cy + ((qy - cy) * 2) / 3];
      const c2 = [ex + ((qx - ex) * 2) / 3, ey + ((qy - ey) * 2) / 3];
      out.push(`${c1[0]! + dx} ${c1[1]! + dy} ${c2[0]! + dx} ${c2[1]! + dy} ${ex + dx} ${ey + dy} c`);
    } else out.push('h');
    if (v.length >= 2) [cx, cy] = [v[v.length - 2]!, v[v.length - 1]!];
  }
  return out.join(' ');
}
