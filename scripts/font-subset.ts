import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import subsetFont from 'subset-font';
import fontverter from 'fontverter';
import { Blob as HbBlob, Face as HbFace } from 'harfbuzzjs';
import type { BuildContext, Lang } from './context.js';
import { sfntToWoff } from './woff.js';
import { allFaces, editionFamilies, fontFaceCss, formatRanges, wholeFile, type FontFace } from './fonts.js';

/**
 * An edition's fonts, cut down to the characters it prints. Every character
 * goes to the first family of its stack (body, sans) that has it; each face of
 * that family (weights, italics) is then subset from the package's files: the
 * whole-script file where the package ships one (one file instead of dozens of
 * slices), the unicode-range slices for the rest. Output is WOFF, deflated
 * with Node's zlib (scripts/woff.ts): encoding WOFF2 in wasm costs seconds per
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

/** Bump when the output of subsetting changes for the same input. */
const SUBSETTER_VERSION = '2';

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
        const out = await subsetCached(ctx, src.file, mine);
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

interface Source {
  file: string;
  /** Whether the file has a glyph for the code point (its CSS unicode-range and its own cmap agree). */
  has: (cp: number) => boolean;
}

interface Variant {
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
async function loadVariants(ctx: BuildContext, family: string, wanted: number[]): Promise<Variant[]> {
  const byKey = new Map<string, { weight: number; style: 'normal' | 'italic'; slices: FontFace[] }>();
  for (const s of allFaces(ctx.packageDir, [family])) {
    const k = `${s.weight}-${s.style}`;
    if (!byKey.has(k)) byKey.set(k, { weight: s.weight, style: s.style, slices: [] });
    byKey.get(k)!.slices.push(s);
  }
  const out: Variant[] = [];
  for (const v of byKey.values()) {
    const sources: Source[] = [];
    const whole = wholeFile(ctx.packageDir, family, v.weight, v.style);
    const candidates = [...(whole ? [{ file: whole, ranges: [[0, 0x10ffff]] as [number, number][] }] : []), ...v.slices];
    let left = wanted;
    for (const c of candidates) {
      if (!meets(c.ranges, left)) continue;
      const cmap = await cmapRanges(ctx, c.file);
      const has = (cp: number) => inRanges(c.ranges, cp) && inSorted(cmap, cp);
      sources.push({ file: c.file, has });
      left = split(left, has)[1];
      if (!left.length) break;
    }
    out.push({ weight: v.weight, style: v.style, sources });
  }
  return out;
}

/**
 * The quick way, for dev mode: the package's own unicode-range slices that meet
 * the edition's characters, unchanged (no subsetting, so no wait when a new
 * character is typed; heavier, so not for publishing).
 */
export function sliceEditionFonts(ctx: BuildContext, lang: Lang, text: string): EditionFonts {
  const stacks = editionFamilies[lang];
  const wanted = codepoints(text);
  const slices = allFaces(ctx.packageDir, [...new Set([...stacks.body, ...stacks.sans])]).filter((f) => meets(f.ranges, wanted));
  return {
    css: fontFaceCss(slices, (f) => `fonts/${path.basename(f.file)}`),
    files: slices.map((f) => ({ name: path.basename(f.file), from: f.file })),
    uncovered: [],
  };
}

function codepoints(text: string): number[] {
  const set = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    set.add(cp);
  }
  return [...set].sort((a, b) => a - b);
}

/** Whether any of the sorted code points falls in the ranges (binary search per range). */
function meets(ranges: [number, number][], sorted: number[]): boolean {
  for (const [a, b] of ranges) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < a) lo = mid + 1;
      else hi = mid;
    }
    if (lo < sorted.length && sorted[lo]! <= b) return true;
  }
  return false;
}

/** A character map's ranges are sorted and disjoint: binary search. */
function inSorted(ranges: [number, number][], cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** [those that pass, those that do not], in one pass. */
function split(cps: number[], test: (cp: number) => boolean): [number[], number[]] {
  const yes: number[] = [];
  const no: number[] = [];
  for (const cp of cps) (test(cp) ? yes : no).push(cp);
  return [yes, no];
}

function inRanges(ranges: [number, number][], cp: number): boolean {
  return ranges.some(([a, b]) => cp >= a && cp <= b);
}

/** Sorted code points → `U+4e00-4e01,U+4e09`. */
export function unicodeRange(sorted: number[]): string {
  return formatRanges(toRanges(sorted));
}

function toRanges(sorted: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const cp of sorted) {
    const last = out[out.length - 1];
    if (last && cp === last[1] + 1) last[1] = cp;
    else out.push([cp, cp]);
  }
  return out;
}

function slug(family: string): string {
  return family.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function fileKey(file: string): string {
  const st = statSync(file);
  return `${path.basename(file)}|${st.size}|${Math.round(st.mtimeMs)}`;
}

function cacheFile(ctx: BuildContext, name: string): string {
  const dir = path.join(ctx.cacheDir, 'fonts');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

function writeAtomic(file: string, content: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
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
    for (const face of allFaces(ctx.packageDir, [family])) {
      const whole = wholeFile(ctx.packageDir, family, face.weight, face.style);
      if (whole) wholes.add(whole);
    }
  }
  for (const whole of wholes) if (!existsSync(cmapCacheFile(ctx, whole))) cmapRanges(ctx, whole).catch(() => undefined);
}

/**
 * A font file decoded from WOFF2 (the slow part of subsetting), kept for the
 * life of the process: the editions and the faces' character maps share it.
 */
const decoded = new Map<string, Promise<Uint8Array>>();

/**
 * One decode at a time: the WOFF2 decoder hands back a view of its own memory,
 * which fontverter copies only after an `await`, so two decodes in flight can
 * overwrite each other's result.
 */
let decoding: Promise<unknown> = Promise.resolve();

function sfntOf(file: string): Promise<Uint8Array> {
  const key = fileKey(file);
  if (!decoded.has(key)) {
    const next = decoding.then(() => fontverter.convert(readFileSync(file), 'truetype'));
    decoding = next.catch(() => undefined);
    decoded.set(key, next);
  }
  return decoded.get(key)!;
}

/** The code points a font file maps (read once, then cached as ranges). */
function cmapCacheFile(ctx: BuildContext, file: string): string {
  const key = createHash('sha256').update(SUBSETTER_VERSION).update(fileKey(file)).digest('hex').slice(0, 24);
  return cacheFile(ctx, `cmap-${key}.json`);
}

const cmaps = new Map<string, Promise<[number, number][]>>();

function cmapRanges(ctx: BuildContext, file: string): Promise<[number, number][]> {
  const cached = cmapCacheFile(ctx, file);
  if (!cmaps.has(cached)) cmaps.set(cached, readCmap(cached, file));
  return cmaps.get(cached)!;
}

async function readCmap(cached: string, file: string): Promise<[number, number][]> {
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as [number, number][];
  const face = new HbFace(new HbBlob(await sfntOf(file)), 0);
  const ranges = toRanges([...face.collectUnicodes()].sort((a, b) => a - b));
  writeAtomic(cached, JSON.stringify(ranges));
  return ranges;
}

async function subsetCached(ctx: BuildContext, file: string, cps: number[]): Promise<{ key: string; bytes: Uint8Array }> {
  const key = createHash('sha256').update(SUBSETTER_VERSION).update(fileKey(file)).update(cps.join(',')).digest('hex');
  const cached = cacheFile(ctx, `${key.slice(0, 24)}.woff`);
  if (existsSync(cached)) return { key, bytes: readFileSync(cached) };
  const bytes = sfntToWoff(await subsetFont(await sfntOf(file), String.fromCodePoint(...cps), { targetFormat: 'truetype' }));
  writeAtomic(cached, bytes);
  return { key, bytes };
}
