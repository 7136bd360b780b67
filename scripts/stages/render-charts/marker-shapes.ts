/*
 * The point shapes that tell a chart's series apart where their colours do not (distinct.ts): twelve filled
 * shapes, one for each colour of the theme's palette, that differ in outline at the size of a data point
 * (about 7 px across), not only in size. Vega's own shapes first — the six most unlike each other, for the
 * charts of up to six series most reports have —, then three more of Vega's triangles and three of our own,
 * drawn as Vega takes a custom shape: an SVG path inside the square from -1,-1 to 1,1.
 */

/**
 * A five-pointed star, its centre lowered so that it sits on the data point as the triangles do, and a quarter
 * past the square: its thin points would make it look smaller than the others.
 */
const STAR = 'M0,-1.12L0.33,-0.32L1.19,-0.26L0.54,0.3L0.74,1.14L0,0.69L-0.74,1.14L-0.54,0.3L-1.19,-0.26L-0.32,-0.32Z';

/** A filled ×: Vega's cross turned by 45°, with arms a little longer so that it covers as much. */
const X =
  'M0.58,-0.97L0.97,-0.58L0.39,0L0.97,0.58L0.58,0.97L0,0.39L-0.58,0.97L-0.97,0.58L-0.39,0L-0.97,-0.58L-0.58,-0.97L0,-0.39Z';

/** An hourglass: two triangles point to point. */
const HOURGLASS = 'M-0.9,-1L0.9,-1L0,0L0.9,1L-0.9,1L0,0Z';

/** An upright bar, half as wide as it is high (Vega's `wedge`, a thin triangle, is lost at this size). */
const BAR = 'M-0.5,-1H0.5V1H-0.5Z';

/** The shapes in the order the palette's colours are given out: the first series a circle (the theme's point). */
export const SHAPES = [
  'circle',
  'square',
  'triangle-up',
  'diamond',
  'cross',
  'triangle-down',
  STAR,
  'triangle-right',
  X,
  'triangle-left',
  HOURGLASS,
  BAR,
];

/** Dash patterns (Vega-Lite's own default `range.strokeDash`), solid first. */
export const DASHES = [
  [1, 0],
  [4, 2],
  [2, 1],
  [1, 1],
  [1, 2, 4, 2],
];
