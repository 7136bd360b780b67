import path from 'node:path';
import type { BuildContext, Lang } from '../context.js';
import { listFolder, readText } from '../sources/files.js';
import { parseYaml } from '../sources/yaml.js';
import { validate } from '../sources/validate.js';
import { checkCharacterReferences } from '../sources/character-references.js';
import { checkChapterLimits } from '../sources/chapter-limits.js';
import type { Chapter } from '../model/content.js';
import { sidecarPath } from '../model/alignment.js';

export const frontMatterSchema = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9-]+$' },
    title: { type: 'string', minLength: 1 },
    // No longer used (the translation is followed unit by unit in a sidecar): accepted with a warning.
    'source-hash': { type: 'string' },
  },
};

/** Stage 3: content/<lang>/NN-slug.md → Chapter[] in the order of their numbers (NN), one chapter to a number. */
export function loadContent(ctx: BuildContext, lang: Lang): Chapter[] {
  const dir = path.join(ctx.root, 'content', lang);
  const names = listFolder(ctx, dir);
  if (!names) {
    ctx.diagnostics.report(
      'missing-file',
      { file: `content/${lang}` },
      [`content/${lang}/`],
      [`write the ${lang} chapters as content/${lang}/NN-slug.md`],
    );
    return [];
  }
  const chapters: Chapter[] = [];
  for (const name of names) {
    const file = `content/${lang}/${name}`;
    if (!name.endsWith('.md')) {
      // A chapter saved under another extension would silently be left out of the edition.
      if (/\.(md|markdown|mdown|mkd)$/i.test(name) || /^\d+-[^.]*\.txt$/i.test(name))
        ctx.diagnostics.report('not-a-chapter', { file, line: 1, column: 1 }, [name]);
      continue;
    }
    const text = readText(ctx, path.join(dir, name));
    if (text === undefined || !checkChapterLimits(ctx, file, text)) continue;
    const chapter = parseChapter(ctx, text, file, lang);
    if (chapter) chapters.push(chapter);
  }
  return byNumber(ctx, chapters);
}

/** The number a chapter's file name starts with (`07-trade.md` → 7), or undefined when it has none. */
const chapterNumber = (file: string): number | undefined => {
  const m = /^(\d+)-/.exec(path.basename(file));
  return m ? Number(m[1]) : undefined;
};

/**
 * The chapters in the order of their numbers (`2-…` before `10-…`; a file without one after those that have one),
 * so both editions read in one order; a second chapter with a number already taken in this language is an error
 * naming the first (the two editions could otherwise put the pair in different orders).
 */
function byNumber(ctx: BuildContext, chapters: Chapter[]): Chapter[] {
  const key = (c: Chapter) => chapterNumber(c.file) ?? Infinity;
  const sorted = [...chapters].sort((a, b) => key(a) - key(b) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const seen = new Map<number, string>();
  for (const c of sorted) {
    const n = chapterNumber(c.file);
    if (n === undefined) continue;
    const first = seen.get(n);
    if (first) {
      const digits = /^(\d+)-/.exec(path.basename(c.file))![1]!;
      ctx.diagnostics.report('duplicate-chapter-number', { file: c.file, line: 1, column: 1 }, [digits, first]);
    } else seen.set(n, c.file);
  }
  return sorted;
}

export function parseChapter(ctx: BuildContext, text: string, file: string, lang: Lang): Chapter | undefined {
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  if (!m) {
    ctx.diagnostics.report(
      'front-matter',
      { file, line: 1, column: 1 },
      ['missing'],
      ['start the file with a --- block holding id: (the section id)'],
    );
    return undefined;
  }
  const fm = parseYaml(ctx, m[1]!, file, 1);
  if (!fm || !validate(ctx, frontMatterSchema, fm, 'front matter holds id and optionally title', 'the front matter'))
    return undefined;
  const meta = fm.value as { id: string; title?: string; 'source-hash'?: string };
  if (meta['source-hash'] !== undefined) {
    ctx.diagnostics.report(
      'obsolete-source-hash',
      fm.at(['source-hash']),
      [sidecarPath(file)],
      [`npm run check -- --accept ${file}`],
    );
  }
  const body = text.slice(m[0].length);
  const bodyLine = m[0].split('\n').length;
  checkCharacterReferences(ctx, file, body, bodyLine);
  if (!body.trim()) {
    ctx.diagnostics.report('empty-chapter', { file, line: bodyLine, column: 1 });
    return undefined;
  }
  const title = meta.title === undefined ? undefined : { text: meta.title, ...fm.at(['title']) };
  return { lang, id: meta.id, title, file, body, bodyLine };
}
