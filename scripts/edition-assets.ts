import type { BuildContext, Lang } from './context.js';
import { allFaces, editionFamilies, facesFor, fontFaceCss } from './fonts.js';

/** The fonts one edition needs: only the files covering the characters it prints. */
export function editionAssets(ctx: BuildContext, lang: Lang, html: string, extraText: string): { css: string; files: string[] } {
  const fam = editionFamilies[lang];
  const faces = allFaces(ctx.packageDir, [...new Set([...fam.body, ...fam.sans])]);
  const text = visibleText(html) + extraText;
  const { used, uncovered } = facesFor(faces, text);
  if (uncovered.length) {
    ctx.diagnostics.report('font-coverage', { file: `content/${lang}` }, [uncovered.join(' ')]);
  }
  const name = (f: string) => f.split('/').pop()!;
  return { css: fontFaceCss(used, (f) => `fonts/${name(f.file)}`), files: [...new Set(used.map((f) => f.file))] };
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The text a reader sees (tags, scripts and styles dropped; entities decoded). */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1]?.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      return entities[e] ?? m;
    });
}
