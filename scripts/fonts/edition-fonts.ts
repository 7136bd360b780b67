import type { BuildContext, Lang } from '../context.js';
import { sliceEditionFonts } from './slices.js';
import { subsetEditionFonts, type EditionFonts } from './subset.js';

export type FontMode = 'subset' | 'slices';

/**
 * The fonts one edition needs, cut down to the characters it prints (HTML
 * text, chart labels, page furniture); `slices` (dev mode) ships the
 * package's slices as they are instead.
 */
export async function editionFonts(ctx: BuildContext, lang: Lang, html: string, extraText: string, mode: FontMode = 'subset'): Promise<EditionFonts> {
  const text = visibleText(html) + extraText;
  if (mode === 'slices') return sliceEditionFonts(ctx, lang, text);
  const fonts = await subsetEditionFonts(ctx, lang, text);
  if (fonts.uncovered.length) {
    ctx.diagnostics.report('font-coverage', { file: `content/${lang}` }, [fonts.uncovered.join(' ')]);
  }
  return fonts;
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
  return `${text} ${labels}`.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1]?.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return entities[e] ?? m;
  });
}
