import { Blob as HbBlob, Buffer as HbBuffer, Face as HbFace, Font as HbFont, shape } from 'harfbuzzjs';
import type { BuildContext } from '../context.js';
import type { FaceCache, FontFace } from './catalogue.js';
import { cssWeight, familyNames, knownFamily, matchWeight } from './font-match.js';
import { words } from './words.js';

import type { FontFiles } from './font-files.js';

/** A font as CSS names it: a family list ("'Source Sans 3', 'Noto Sans SC'"), a weight and a style. */
export interface FontRequest {
  families: string;
  weight?: number | string | null;
  style?: string | null;
}

interface Loaded {
  /** Scaled to the size being measured. */
  font: HbFont;
  /** At its own units (scale = upem). */
  unit: HbFont;
  upem: number;
  cmap: Set<number>;
}

/** Width cache entries kept before it is emptied (dev mode runs for hours). */
const MAX_CACHED = 50_000;

/**
 * Text widths as Chromium measures them on a page that loads the bundled
 * fonts (catalogue.ts) with their unicode-range slices, without a browser:
 * each character goes to the first family of the list that covers it, in that
 * family's face of the nearest weight (the CSS matching rules) and, among its
 * slices, the last declared whose unicode-range and character map have it
 * (CSS Fonts 4, §4.5: overlapping ranges are tried in reverse order); each run
 * of characters in one slice is shaped by HarfBuzz (kerning, ligatures), and
 * the advances are summed with Chromium's arithmetic (see `shaped`).
 *
 * `width` is synchronous (Vega asks for widths while it lays a chart out),
 * font files are decoded asynchronously: a width that needs a file not yet
 * decoded is estimated and the file is noted in `missing`; the caller loads
 * them (`loadMissing`) and measures again. Kept in the Session: decoded fonts
 * and measured widths serve every later chart and build.
 */
export class TextMeasure {
  /** Faces that a width needed and that are not decoded yet. */
  readonly missing = new Set<FontFace>();
  private readonly loaded = new Map<string, Loaded>();
  /** Width in px by font, size and text. */
  private readonly widths = new Map<string, number>();
  /**
   * Width in px of each word by font, size and word: texts share their words, and a caption being wrapped is
   * measured line prefix by line prefix (each CJK character is a word: shaping whole prefixes again made
   * framing a Chinese chart download cost ~40 ms).
   */
  private readonly wordWidths = new Map<string, number>();
  /** Families, weight and style → each family's faces to try, in order. */
  private readonly stacks = new Map<string, FontFace[][]>();
  private readonly buffer = new HbBuffer();
  /** Widths estimated for want of a decoded face (those are not cached). */
  private misses = 0;
  /** The last of the jobs that take turns with this measurer (`inTurn`). */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    readonly packageDir: string,
    private readonly faces: FaceCache,
    private readonly files: FontFiles,
  ) {}

  /** Width in CSS pixels of `text` (as given: not trimmed) at `size` px. */
  width(font: FontRequest, size: number, text: string): number {
    if (!text) return 0;
    const fontKey = `${font.families}|${font.weight ?? ''}|${font.style ?? ''}|${size}`;
    const key = `${fontKey}|${text}`;
    const known = this.widths.get(key);
    if (known !== undefined) return known;
    const before = this.misses;
    const px = this.measure(this.stackOf(font), fontKey, size, text);
    if (this.misses === before) remember(this.widths, key, px);
    return px;
  }

  /** Run `job` when the jobs given before it have finished (a chart layout: Vega's measurer is one slot). */
  inTurn<T>(job: () => Promise<T>): Promise<T> {
    const mine = this.turn.then(job);
    this.turn = mine.catch(() => undefined);
    return mine;
  }

  /** Decode the faces that widths were missing; false when there were none. */
  async loadMissing(): Promise<boolean> {
    const todo = [...this.missing];
    this.missing.clear();
    for (const face of todo) await this.load(face);
    return todo.length > 0;
  }

  /** Word by word, as Chromium's canvas shapes (nothing kerns across a space or into a CJK character). */
  private measure(stack: FontFace[][], fontKey: string, size: number, text: string): number {
    let px = 0;
    for (const word of words(text)) {
      const key = `${fontKey}|${word}`;
      let w = this.wordWidths.get(key);
      if (w === undefined) {
        const before = this.misses;
        w = this.measureWord(stack, size, word);
        if (this.misses === before) remember(this.wordWidths, key, w);
      }
      px = Math.fround(px + w);
    }
    return px;
  }

  /** A word in runs of one face each, each run shaped. */
  private measureWord(stack: FontFace[][], size: number, text: string): number {
    let px = 0;
    let run = '';
    let runFace: FontFace | undefined;
    const flush = () => {
      if (run) px = Math.fround(px + (runFace ? this.shaped(runFace, size, run) : 0.5 * size * [...run].length));
      run = '';
    };
    for (const ch of text) {
      const face = this.faceFor(stack, ch.codePointAt(0)!);
      if (face !== runFace) flush();
      runFace = face;
      run += ch;
    }
    flush();
    return px;
  }

  /** The face that draws the code point; undefined when no bundled face has it (or one to look at is not decoded yet). */
  private faceFor(stack: FontFace[][], cp: number): FontFace | undefined {
    for (const faces of stack) {
      for (const face of faces) {
        if (!face.ranges.some(([a, b]) => cp >= a && cp <= b)) continue;
        const loaded = this.loaded.get(face.file);
        if (!loaded) {
          this.missing.add(face);
          this.misses++;
          return undefined;
        }
        if (loaded.cmap.has(cp)) return face;
      }
    }
    return undefined;
  }

  /**
   * Advance width of a run in CSS px, as Chromium sums it (Linux, no hinting):
   * each glyph's advance as FreeType scales it in 16.16 fixed point (what Skia
   * hands HarfBuzz), plus what HarfBuzz's shaping adds to it (kerning) at a
   * scale of the size in 16.16, summed as 32-bit floats.
   */
  private shaped(face: FontFace, size: number, text: string): number {
    const { font, unit, upem } = this.loaded.get(face.file)!;
    const scale = Math.trunc(size * 65536);
    font.setScale(scale, scale);
    const buffer = this.buffer;
    buffer.reset();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    shape(font, buffer);
    // FT_Set_Char_Size(size in 26.6) → x_scale = FT_DivFix(size, upem); FT_Get_Advance → FT_MulDiv(units, x_scale, 64).
    const xScale = Math.floor((Math.trunc(size * 64) * 65536 + (upem >> 1)) / upem);
    const positions = buffer.getGlyphPositions();
    const infos = buffer.getGlyphInfos();
    let px = 0;
    for (let i = 0; i < positions.length; i++) {
      const gid = infos[i]!.codepoint;
      const advance =
        Math.floor((unit.glyphHAdvance(gid) * xScale + 32) / 64) + positions[i]!.xAdvance - font.glyphHAdvance(gid);
      px = Math.fround(px + Math.fround(advance / 65536));
    }
    return px;
  }

  private async load(face: FontFace): Promise<void> {
    if (this.loaded.has(face.file)) return;
    const hbFace = new HbFace(new HbBlob(await this.files.sfntOf(face.file)), 0);
    this.loaded.set(face.file, {
      font: new HbFont(hbFace),
      unit: new HbFont(hbFace),
      upem: hbFace.upem,
      cmap: new Set(hbFace.collectUnicodes()),
    });
  }

  /** Per family of the list, the faces of the weight and style CSS would match, last declared first. */
  private stackOf(font: FontRequest): FontFace[][] {
    const key = `${font.families}|${font.weight ?? ''}|${font.style ?? ''}`;
    let stack = this.stacks.get(key);
    if (!stack) {
      stack = familyNames(font.families).flatMap((family) => {
        const faces = knownFamily(this.faces, this.packageDir, family);
        if (!faces.length) return [];
        const italic = /italic|oblique/.test(String(font.style ?? '')) && faces.some((f) => f.style === 'italic');
        const styled = faces.filter((f) => f.style === (italic ? 'italic' : 'normal'));
        const weight = matchWeight(cssWeight(font.weight), [...new Set(styled.map((f) => f.weight))]);
        return [styled.filter((f) => f.weight === weight).reverse()];
      });
      this.stacks.set(key, stack);
    }
    return stack;
  }
}

/** Keep a width (emptying the cache when it is full: dev mode runs for hours). */
function remember(cache: Map<string, number>, key: string, px: number): void {
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, px);
}

/** The session's measurer for the build's package. */
export function textMeasure(ctx: BuildContext): TextMeasure {
  const s = ctx.session;
  if (s.textMeasure?.packageDir !== ctx.packageDir)
    s.textMeasure = new TextMeasure(ctx.packageDir, s.fontFaces, s.fontFiles);
  return s.textMeasure;
}
