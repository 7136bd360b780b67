import path from 'node:path';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { BuildContext, Lang } from '../context.js';
import { sliceEditionFonts } from './slices.js';
import { subsetEditionFonts, type EditionFonts } from './subset.js';

export type FontMode = 'subset' | 'slices';

/**
 * The fonts one edition needs, cut down to the characters it prints (HTML
 * text, chart labels, page furniture); `slices` (dev mode) ships the
 * package's slices as they are instead.
 */
export async function editionFonts(
  ctx: BuildContext,
  lang: Lang,
  html: string,
  extraText: string,
  mode: FontMode = 'subset',
): Promise<EditionFonts> {
  const text = visibleText(html) + extraText;
  if (mode === 'slices') return sliceEditionFonts(ctx, lang, text);
  const fonts = await subsetEditionFonts(ctx, lang, text);
  if (fonts.uncovered.length) {
    ctx.diagnostics.report('font-coverage', whereFirst(ctx, lang, fonts.uncovered), [
      fonts.uncovered
        .map((c) => `${c} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`)
        .join(', '),
    ]);
  }
  return fonts;
}

/**
 * The fonts of a page beside the editions that shows text of both languages (the translation review):
 * the English stacks, which hold both scripts' families, cut down to the page's own text — so that none of
 * its glyphs falls back to a system font. A character no bundled font has is the editions' to report.
 */
export async function pageFonts(ctx: BuildContext, html: string, mode: FontMode = 'subset'): Promise<EditionFonts> {
  const text = visibleText(html);
  return mode === 'slices' ? sliceEditionFonts(ctx, 'en', text) : subsetEditionFonts(ctx, 'en', text);
}

/** Where the first of `chars` stands in the report's text: the edition's chapters first, then the data, templates and config. */
function whereFirst(ctx: BuildContext, lang: Lang, chars: string[]): { file: string; line: number; column: number } {
  const files: string[] = [];
  const walk = (rel: string, depth: number) => {
    const abs = path.join(ctx.root, rel);
    try {
      const st = statSync(abs, { throwIfNoEntry: false });
      if (st?.isFile() && st.size < 16 * 1024 * 1024) files.push(rel);
      else if (st?.isDirectory() && depth < 4)
        for (const n of readdirSync(abs).sort()) if (!n.startsWith('.')) walk(`${rel}/${n}`, depth + 1);
    } catch {
      // (a link that loops, a folder that cannot be read: not where the text is)
    }
  };
  for (const part of [`content/${lang}`, 'report.yaml', 'data', 'templates']) walk(part, 0);
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(path.join(ctx.root, file), 'utf8');
    } catch {
      continue;
    }
    const at = firstOf(text, chars);
    if (Number.isFinite(at))
      return { file, line: text.slice(0, at).split('\n').length, column: at - text.lastIndexOf('\n', at - 1) };
  }
  return { file: `content/${lang}`, line: 1, column: 1 };
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * The text a reader sees (tags, scripts and styles dropped; entities decoded), and the aria-labels, which
 * the page's script also shows (a chart mark's value, in a tooltip).
 */
export function visibleText(html: string): string {
  const labels = [...html.matchAll(/\saria-label="([^"]*)"/g)].map((m) => m[1]).join(' ');
  const text = html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
  return `${text} ${labels}`.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#' ? numericReference(e) : (entities[e] ?? m),
  );
}

/**
 * The character a numeric reference (`#x4e00`, `#20013`) stands for; one that
 * names no character (0, a surrogate, past U+10FFFF) is U+FFFD, as browsers
 * show it.
 */
function numericReference(e: string): string {
  const n = e[1]?.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
  return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\ufffd';
}

/** The first place in `text` where one of `chars` stands, itself or as a numeric reference (&#x1F4C8;). */
function firstOf(text: string, chars: string[]): number {
  const refs = [...text.matchAll(/&(#x[0-9a-f]+|#\d+);/gi)]
    .filter((m) => chars.includes(numericReference(m[1]!)))
    .map((m) => m.index);
  return Math.min(...chars.map((c) => text.indexOf(c)).filter((i) => i >= 0), ...refs);
}
