import type { Sheet } from './sheet.js';

/**
 * The page's outermost strip (this wide, in points) is what the edge extension stretches into the bleed: what the
 * theme draws to the page's edge (a cover band, a background colour, an image that touches the edge) runs on;
 * text and anything else inside the page margins is never inside it.
 */
export const EDGE = 0.5;

/**
 * How far each stretched piece reaches in under the page's own edge (in points): the pieces are drawn first and the
 * page over them, so the two overlap in the same colour instead of meeting at a seam that anti-aliasing shows.
 */
const OVERLAP = 1;

type Side = 'low' | 'mid' | 'high';
const sides: readonly Side[] = ['low', 'mid', 'high'];

/** Along one axis: the matrix's scale and shift, and the part of the sheet it fills (clip). */
interface AxisMap {
  scale: number;
  shift: number;
  from: number;
  to: number;
}

/**
 * One axis of one of the eight bleed pieces: `mid` places the page as it is; `low` stretches the page's first
 * EDGE points from the bleed's edge to where the page starts (and OVERLAP on); `high` its last EDGE points from
 * OVERLAP before where it ends to the bleed's edge.
 */
function axis(side: Side, page: [number, number], bleed: [number, number], size: number): AxisMap {
  const [p0, p1] = page;
  const [b0, b1] = bleed;
  if (side === 'mid') return { scale: 1, shift: p0, from: p0, to: p1 };
  if (side === 'low') {
    const scale = (p0 + OVERLAP - b0) / EDGE;
    return { scale, shift: b0, from: b0, to: p0 + OVERLAP };
  }
  const scale = (b1 - p1 + OVERLAP) / EDGE;
  return { scale, shift: b1 - size * scale, from: p1 - OVERLAP, to: b1 };
}

const n = (v: number) => String(Math.round(v * 10000) / 10000);

/**
 * Content-stream operators that draw the page (the form XObject `name`) eight more times, each clipped to one
 * piece of the bleed around it — four sides and four corners — with the page's edge strip stretched across it.
 * Marked as an artifact: it repeats what the page already says.
 */
export function bleedOperators(sheet: Sheet, name: string): string {
  const [pw, ph] = sheet.pageSize;
  const ops = ['/Artifact BMC'];
  for (const sx of sides) {
    for (const sy of sides) {
      if (sx === 'mid' && sy === 'mid') continue;
      const x = axis(sx, [sheet.page.x0, sheet.page.x1], [sheet.bleed.x0, sheet.bleed.x1], pw);
      const y = axis(sy, [sheet.page.y0, sheet.page.y1], [sheet.bleed.y0, sheet.bleed.y1], ph);
      if (x.to <= x.from || y.to <= y.from) continue;
      ops.push(
        `q ${n(x.from)} ${n(y.from)} ${n(x.to - x.from)} ${n(y.to - y.from)} re W n`,
        `${n(x.scale)} 0 0 ${n(y.scale)} ${n(x.shift)} ${n(y.shift)} cm /${name} Do Q`,
      );
    }
  }
  ops.push('EMC');
  return ops.join('\n');
}
