/** report.yaml `press:` read as sizes in PostScript points: the trim, the bleed, the marks and the sheet around them. */
import type { PressConfig, PressMark } from './config.js';

const PT_PER: Record<string, number> = { mm: 72 / 25.4, cm: 720 / 25.4, in: 72, pt: 1 };

/** Page sizes by name, in millimetres (ISO 216, JIS P 0138, ANSI). */
export const trimSizes: Readonly<Record<string, readonly [number, number]>> = {
  A3: [297, 420],
  A4: [210, 297],
  A5: [148, 210],
  A6: [105, 148],
  B4: [250, 353],
  B5: [176, 250],
  B6: [125, 176],
  'JIS-B4': [257, 364],
  'JIS-B5': [182, 257],
  Letter: [215.9, 279.4],
  Legal: [215.9, 355.6],
};

/** `3mm`, `0.25in`, `8.5 pt` → points; undefined when it is not a length. */
export function parseLength(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)\s*$/.exec(text);
  return m ? Number(m[1]) * PT_PER[m[2]!]! : undefined;
}

/** A trim as written (`A4`, `b5`, `185mm 260mm`, `185mm × 260mm`) → [width, height] in points, or undefined. */
export function parseTrim(text: string): [number, number] | undefined {
  const named = Object.keys(trimSizes).find((k) => k.toLowerCase() === text.trim().toLowerCase());
  if (named) return trimSizes[named]!.map((mm) => mm * PT_PER.mm!) as [number, number];
  const parts = text.split(/\s*(?:\s|×|x|\*)\s*/i).filter(Boolean);
  if (parts.length !== 2) return undefined;
  const [w, h] = parts.map(parseLength);
  return w && h ? [w, h] : undefined;
}

/** The press PDF's settings with every default filled in, lengths in points. */
export interface PressSettings {
  /** The trim as asked for, or undefined: the screen PDF's page size. */
  trim?: [number, number];
  bleed: number;
  marks: PressMark[];
  slug: boolean;
  colour: 'rgb' | 'cmyk';
  profile?: string;
  /** From the trim to the sheet's edge: the bleed, and room for the marks and the slug when there are any. */
  margin: number;
}

export const DEFAULT_BLEED = 3 * PT_PER.mm!;
/** From the trim to where the crop marks start, at least: they stay out of the bleed. */
export const MARK_GAP = 1 * PT_PER.mm!;
export const MARK_LENGTH = 6 * PT_PER.mm!;
/** The room the slug's line takes outside the marks. */
export const SLUG_ROOM = 4 * PT_PER.mm!;

/** `press:` → settings (a value the config check let through always reads). */
export function pressSettings(press: PressConfig): PressSettings {
  const bleed = press.bleed === undefined ? DEFAULT_BLEED : (parseLength(press.bleed) ?? DEFAULT_BLEED);
  const marks = press.marks ?? ['crop'];
  const slug = press.slug ?? true;
  const room = marks.length || slug ? MARK_GAP + MARK_LENGTH + (slug ? SLUG_ROOM : 0) : 0;
  return {
    trim: press.trim === undefined ? undefined : parseTrim(press.trim),
    bleed,
    marks,
    slug,
    colour: press.colour ?? 'rgb',
    profile: press.profile,
    margin: bleed + room,
  };
}
