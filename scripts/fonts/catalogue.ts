import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { Lang } from '../context.js';

/**
 * The bundled fonts (npm @fontsource packages): which faces an edition uses,
 * and which woff2 files it needs for the characters it prints. Nothing comes
 * from the system.
 */
export interface FontFace {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  /** Absolute path of the woff2 file. */
  file: string;
  ranges: [number, number][];
}

interface FaceSpec {
  pkg: string;
  weights: number[];
  italic?: boolean;
  /** A file covering a whole script, shipped beside the slices (subset once instead of slice by slice). */
  whole?: string;
}

const faces: Record<string, FaceSpec> = {
  'Noto Serif SC': { pkg: 'noto-serif-sc', weights: [400, 700], whole: 'chinese-simplified' },
  'Noto Sans SC': { pkg: 'noto-sans-sc', weights: [400, 700], whole: 'chinese-simplified' },
  'Source Serif 4': { pkg: 'source-serif-4', weights: [400, 600], italic: true },
  'Source Sans 3': { pkg: 'source-sans-3', weights: [400, 600] },
};

/** The families each edition's CSS names, in fallback order (the CJK family last for English). */
export const editionFamilies: Record<Lang, { body: string[]; sans: string[] }> = {
  zh: { body: ['Noto Serif SC'], sans: ['Noto Sans SC'] },
  en: { body: ['Source Serif 4', 'Noto Serif SC'], sans: ['Source Sans 3', 'Noto Sans SC'] },
};

/** The faces read from each package, kept by whoever owns the map (the build session). */
export type FaceCache = Map<string, FontFace[]>;

/** Every face (weight, style, unicode-range slice) of the families, from their @fontsource packages. */
export function allFaces(cache: FaceCache, packageDir: string, families: string[]): FontFace[] {
  const out: FontFace[] = [];
  for (const family of families) {
    const key = `${packageDir}|${family}`;
    if (!cache.has(key)) cache.set(key, readFaces(packageDir, family));
    out.push(...cache.get(key)!);
  }
  return out;
}

/** The package's whole-script file for one face, when it ships one. */
export function wholeFile(
  packageDir: string,
  family: string,
  weight: number,
  style: 'normal' | 'italic',
): string | undefined {
  const spec = faces[family];
  if (!spec?.whole) return undefined;
  const file = path.join(
    packageDir,
    'node_modules',
    '@fontsource',
    spec.pkg,
    'files',
    `${spec.pkg}-${spec.whole}-${weight}-${style}.woff2`,
  );
  return existsSync(file) ? file : undefined;
}

function readFaces(packageDir: string, family: string): FontFace[] {
  const spec = faces[family];
  if (!spec) throw new Error(`no bundled font "${family}"`);
  const dir = path.join(packageDir, 'node_modules', '@fontsource', spec.pkg);
  const out: FontFace[] = [];
  const files = spec.weights.flatMap((w) => [`${w}.css`, ...(spec.italic ? [`${w}-italic.css`] : [])]);
  for (const name of files) {
    const css = readFileSync(path.join(dir, name), 'utf8');
    for (const block of css.split('@font-face').slice(1)) {
      const weight = Number(/font-weight:\s*(\d+)/.exec(block)?.[1]);
      const style = /font-style:\s*italic/.test(block) ? 'italic' : 'normal';
      const src = /url\(\.\/([^)]+\.woff2)\)/.exec(block)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      if (!src) continue;
      out.push({
        family,
        weight,
        style,
        file: path.join(dir, src),
        ranges: range ? parseRanges(range) : [[0, 0x10ffff]],
      });
    }
  }
  return out;
}

function parseRanges(s: string): [number, number][] {
  return s.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
  });
}

/** Code point ranges as a CSS unicode-range value: `U+41-43,U+4e00`. */
export function formatRanges(ranges: [number, number][]): string {
  return ranges.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',');
}

/** @font-face rules for `used`, with `url(prefix + file name)`. */
export function fontFaceCss(used: FontFace[], urlOf: (f: FontFace) => string): string {
  return used
    .map((f) => {
      const face = `font-family:'${f.family}';font-style:${f.style};font-weight:${f.weight};font-display:block`;
      return `@font-face{${face};src:url(${urlOf(f)}) format('woff2');unicode-range:${formatRanges(f.ranges)}}`;
    })
    .join('\n');
}
