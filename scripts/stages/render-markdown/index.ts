import Handlebars from 'handlebars';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import type { Root as MdRoot, RootContent, Heading as MdHeading } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';
import type { Root as HastRoot } from 'hast';
import { markOtherLanguage } from './language-runs.js';
import { randomBytes } from 'node:crypto';
import type { BuildContext, Lang } from '../../context.js';
import type { Chapter } from '../../model/content.js';
import type { ReportData } from '../../model/data.js';
import type { Strings } from '../../model/templates.js';
import { renderChapterTemplate, type CompiledChapter } from './chapter-template.js';
import type {
  CitationUse,
  EditionState,
  NoteState,
  RenderedEdition,
  RenderedChapter,
  Heading,
} from '../../model/edition.js';
import { collectNotes } from './notes.js';
import { hyphenateBody } from './hyphenate.js';
import { smartenTree } from '../../locale/typography.js';
import { checkListDepth } from './nesting.js';
import { walkUnits } from '../../units/extract.js';
import { turn } from '../../units/pace.js';
import { EditionFiles } from './published-files.js';
import { publishUrls } from './urls.js';
import { resolveCitations } from './citations.js';
import { citeEngine, type CiteEngine } from './cite-engine.js';
import { bibliographyChapter, bibliographyTitle } from './bibliography.js';
import type { ReportConfig } from '../../model/config.js';

/** Stateless, so built once and shared by every chapter of every edition. */
const markdown = unified().use(remarkParse).use(remarkGfm).freeze();

const headingId = /\s*\{#([^}]*)\}\s*$/;

/**
 * Stage 4: chapters → hast, per edition.
 *   place (Handlebars, numbering) → render (Handlebars) → remark-parse + gfm → quotes and dashes
 *   → citations as notes (citations.ts) → headings/unit ids/markers/notes (mdast) → images and links to the
 *   report's files (urls.ts, published with the edition) → soft hyphens in body text → remark-rehype → hast
 *   → words in the other language marked with it (language-runs.ts)
 *   then, when report.yaml asks for it, the bibliography after the last chapter (bibliography.ts)
 */
export async function renderMarkdown(
  ctx: BuildContext,
  lang: Lang,
  chapters: Chapter[],
  data: ReportData,
  strings: Strings,
  citationOptions?: ReportConfig['citations'],
): Promise<RenderedEdition> {
  const state: EditionState = {
    lang,
    strings,
    placed: [],
    used: [],
    numbers: new Map(),
    markerKey: randomBytes(12).toString('hex'),
  };
  const hb = Handlebars.create();
  const compiled = new Map<Chapter, CompiledChapter>();
  for (const chapter of chapters) renderChapterTemplate(ctx, hb, chapter, data, state, 'place', compiled);
  let fig = 0;
  let tab = 0;
  for (const u of state.placed) state.numbers.set(u.id, u.kind === 'figure' ? ++fig : ++tab);
  const notes: NoteState = { numbers: new Map(), defined: [], cited: [], refs: new Map(), listed: new Map() };
  const ids = new Map<string, string>();
  const rendered: RenderedChapter[] = [];
  const files = new EditionFiles(ctx, lang, chapters, data);
  const citations: CitationUse[] = [];
  let engine: CiteEngine | undefined | null = null;
  const refs = data.references;
  const csl = refs && (await import('citeproc')).default;
  const engineOnce = () =>
    engine === null
      ? (engine = refs && csl && citeEngine(ctx, lang, refs, citationOptions?.style?.[lang], csl))
      : engine;
  for (const chapter of chapters) {
    await turn(ctx.signal); // (a signal is handled between chapters, and between the big steps of one)
    const md = renderChapterTemplate(ctx, hb, chapter, data, state, 'render', compiled);
    if (md === undefined) continue;
    const mdast = markdown.parse(md) as MdRoot;
    await turn(ctx.signal);
    smartenTree(mdast, lang);
    const at = (node: { position?: { start: { line: number; column: number } } }) => ({
      file: chapter.file,
      line: (node.position?.start.line ?? 1) + chapter.bodyLine - 1,
      column: node.position?.start.column ?? 1,
    });
    resolveCitations({ ctx, chapter, refs, engine: engineOnce, at, uses: citations, made: 0 }, mdast);
    checkListDepth(ctx, mdast, at);
    const headings = transformHeadings(ctx, mdast, chapter, at, ids);
    anchorUnits(mdast);
    transformMarkers(ctx, mdast, at, state.markerKey);
    publishUrls(ctx, mdast, at, chapter.file, files);
    collectNotes(ctx, mdast, chapter, strings, notes, at);
    hyphenateBody(mdast, lang);
    await turn(ctx.signal);
    const tree = unified().use(remarkRehype).runSync(mdast) as HastRoot;
    markOtherLanguage(tree, lang);
    rendered.push({ chapter, tree, headings });
  }
  const title = citations.length ? bibliographyTitle(citationOptions, lang, strings) : undefined;
  const bibliography = title && bibliographyChapter(ctx, lang, engineOnce(), title, ids);
  if (bibliography) rendered.push(bibliography);
  files.checkAnchors(rendered.flatMap((c) => c.headings));
  return { lang, chapters: rendered, state, notes, citations, published: files.published };
}

type At = (node: { position?: { start: { line: number; column: number } } }) => {
  file: string;
  line: number;
  column: number;
};

function transformHeadings(
  ctx: BuildContext,
  tree: MdRoot,
  chapter: Chapter,
  at: At,
  ids: Map<string, string>,
): Heading[] {
  const headings: Heading[] = [];
  const first = tree.children[0];
  if (!first || first.type !== 'heading' || first.depth !== 1) {
    ctx.diagnostics.report('chapter-heading', at(first ?? tree), ['The chapter does not start with a "#" heading']);
  }
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    if (node.depth === 1 && node !== first)
      ctx.diagnostics.report('chapter-heading', at(node), ['A second "#" heading in one chapter']);
    const last = node.children[node.children.length - 1];
    const m = last?.type === 'text' ? headingId.exec(last.value) : null;
    if (!m || !/^[a-z0-9][a-z0-9-]*$/.test(m[1]!)) {
      ctx.diagnostics.report('heading-id', at(node), [
        m ? `Heading id "${m[1]}" is not valid` : 'Heading without an id',
      ]);
      continue;
    }
    const id = m[1]!;
    (last as { value: string }).value = (last as { value: string }).value.replace(headingId, '');
    const where = `${chapter.file}:${at(node).line}`;
    if (ids.has(id)) ctx.diagnostics.report('duplicate-id', at(node), [id, ids.get(id)!]);
    else ids.set(id, where);
    const text = toString(node, { includeImageAlt: false, includeHtml: false });
    if (node === first && chapter.title && chapter.title.text.trim() !== text.trim()) {
      ctx.diagnostics.report('title-differs', chapter.title, [chapter.title.text, text.trim()]);
    }
    node.depth = Math.min(6, node.depth + 1) as MdHeading['depth'];
    node.data = { ...node.data, hProperties: { id } };
    headings.push({ id, depth: node.depth, text, chapterId: chapter.id, file: chapter.file, line: at(node).line });
  }
  return headings;
}

/**
 * Each paragraph and list item gets its unit id (`status-hk.p2`), so that the review page can link to it.
 * A unit id has a dot, which heading ids cannot have: the two never clash.
 */
function anchorUnits(tree: MdRoot): void {
  walkUnits(tree, ({ node, kind, id }) => {
    if (kind === 'paragraph' || kind === 'item')
      node.data = {
        ...node.data,
        hProperties: { ...(node.data as { hProperties?: object } | undefined)?.hProperties, id },
      };
  });
}

/** Where raw HTML stands as a block (a marker there is a figure, table or byline of its own); anywhere else it is inline. */
const blockParents = ['root', 'blockquote', 'listItem', 'footnoteDefinition'];

/**
 * Replace our own markers with placeholder elements, where they stand as a
 * block (on a line of their own); any other raw HTML (a forged marker too) is
 * an error.
 */
function transformMarkers(ctx: BuildContext, tree: MdRoot, at: At, key: string): void {
  const marker = new RegExp(`^<!--report-${key}:(?:(figure|table):([^>]*)|byline)-->$`);
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined) return undefined;
    const lone =
      node.type === 'paragraph' && node.children.length === 1 && node.children[0]!.type === 'html'
        ? node.children[0]
        : undefined;
    const html = lone ?? (node.type === 'html' ? node : undefined);
    if (html) {
      const m = marker.exec(html.value.trim());
      if (m && (lone || blockParents.includes(parent.type))) {
        parent.children[index] = placeholder(m[1] ?? 'byline', m[2] ?? '') as never;
        return SKIP;
      }
      if (m)
        ctx.diagnostics.report('template-error', at(html), [
          '{{figure}}, {{table}} and {{> byline}} go on a line of their own',
        ]);
      else ctx.diagnostics.report('raw-html', at(html));
      parent.children.splice(index, 1);
      return index;
    }
    return undefined;
  });
}

function placeholder(kind: string, id: string): RootContent {
  return {
    type: 'paragraph',
    children: [],
    data: { hName: 'report-slot', hProperties: { dataKind: kind, dataId: id } },
  } as unknown as RootContent;
}
