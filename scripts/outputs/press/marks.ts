import { MARK_GAP, MARK_LENGTH, type PressSettings } from '../../model/press-geometry.js';
import type { Sheet } from './sheet.js';

/** The resource name of the registration colour (Separation /All): marks print on every plate. */
export const REGISTRATION = 'PressAll';
/** Hairline width of the marks, in points (0.25 pt, as Prince and InDesign draw them). */
const HAIRLINE = 0.25;
const RADIUS = 2.5 * (72 / 25.4);

const n = (v: number) => String(Math.round(v * 10000) / 10000);
const line = (x0: number, y0: number, x1: number, y1: number) => `${n(x0)} ${n(y0)} m ${n(x1)} ${n(y1)} l S`;

/**
 * Operators for the marks asked for, all outside the bleed: crop marks at the trim's corners (starting MARK_GAP
 * past the bleed), registration targets at the middle of each side, colour bars along the foot. Marked as an
 * artifact (printer's marks are not the report's content).
 */
export function markOperators(sheet: Sheet, settings: PressSettings): string {
  const ops = ['/Artifact BMC', 'q', `/${REGISTRATION} CS /${REGISTRATION} cs 1 SCN 1 scn ${HAIRLINE} w 0 J`];
  if (settings.marks.includes('crop')) ops.push(...cropMarks(sheet, settings.bleed));
  if (settings.marks.includes('registration')) ops.push(...registrationMarks(sheet, settings.bleed));
  ops.push('Q');
  if (settings.marks.includes('colour-bars')) ops.push(...colourBars(sheet, settings));
  ops.push('EMC');
  return ops.join('\n');
}

function cropMarks(sheet: Sheet, bleed: number): string[] {
  const { x0, y0, x1, y1 } = sheet.trim;
  const near = bleed + MARK_GAP;
  const far = near + MARK_LENGTH;
  return [
    // each corner: a horizontal mark on the trim's edge line and a vertical one, both outside the bleed
    line(x0 - far, y0, x0 - near, y0),
    line(x0, y0 - far, x0, y0 - near),
    line(x1 + near, y0, x1 + far, y0),
    line(x1, y0 - far, x1, y0 - near),
    line(x0 - far, y1, x0 - near, y1),
    line(x0, y1 + near, x0, y1 + far),
    line(x1 + near, y1, x1 + far, y1),
    line(x1, y1 + near, x1, y1 + far),
  ];
}

/** A circle with a cross through it, centred MARK_GAP + RADIUS past the bleed at the middle of each side. */
function registrationMarks(sheet: Sheet, bleed: number): string[] {
  const { x0, y0, x1, y1 } = sheet.trim;
  const off = bleed + MARK_GAP + RADIUS;
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  const centres: [number, number][] = [
    [cx, y1 + off],
    [cx, y0 - off],
    [x0 - off, cy],
    [x1 + off, cy],
  ];
  return centres.flatMap(([x, y]) => [
    circle(x, y, RADIUS * 0.6),
    line(x - RADIUS, y, x + RADIUS, y),
    line(x, y - RADIUS, x, y + RADIUS),
  ]);
}

/** A circle as four Bézier quarters (k = 0.5523 of the radius for the control points). */
function circle(x: number, y: number, r: number): string {
  const k = 0.5523 * r;
  return [
    `${n(x + r)} ${n(y)} m`,
    `${n(x + r)} ${n(y + k)} ${n(x + k)} ${n(y + r)} ${n(x)} ${n(y + r)} c`,
    `${n(x - k)} ${n(y + r)} ${n(x - r)} ${n(y + k)} ${n(x - r)} ${n(y)} c`,
    `${n(x - r)} ${n(y - k)} ${n(x - k)} ${n(y - r)} ${n(x)} ${n(y - r)} c`,
    `${n(x + k)} ${n(y - r)} ${n(x + r)} ${n(y - k)} ${n(x + r)} ${n(y)} c S`,
  ].join(' ');
}

/**
 * Process and grey patches along the foot, right of the crop marks' reach, in the file's colour: with CMYK, the
 * four inks, their overprints (red, green, blue) and 75/50/25 % black; with RGB, the same patches as RGB.
 */
const PATCHES: Record<'rgb' | 'cmyk', readonly string[]> = {
  rgb: [
    '0 1 1',
    '1 0 1',
    '1 1 0',
    '0 0 0',
    '1 0 0',
    '0 1 0',
    '0 0 1',
    '0.75 0.75 0.75',
    '0.5 0.5 0.5',
    '0.25 0.25 0.25',
  ].map((c) => `${c} rg`),
  cmyk: [
    '1 0 0 0',
    '0 1 0 0',
    '0 0 1 0',
    '0 0 0 1',
    '0 1 1 0',
    '1 0 1 0',
    '1 1 0 0',
    '0 0 0 0.25',
    '0 0 0 0.5',
    '0 0 0 0.75',
  ].map((c) => `${c} k`),
};

function colourBars(sheet: Sheet, settings: PressSettings): string[] {
  const size = MARK_LENGTH * 0.6;
  const y = sheet.trim.y0 - settings.bleed - MARK_GAP - size;
  const x = sheet.trim.x0 + MARK_LENGTH * 2;
  return PATCHES[settings.colour].map((fill, i) => `${fill} ${n(x + i * size)} ${n(y)} ${n(size)} ${n(size)} re f`);
}
