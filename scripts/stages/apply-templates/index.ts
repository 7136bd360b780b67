import Handlebars from 'handlebars';
import { unified } from 'unified';
import rehypeStringify from 'rehype-stringify';
import { h } from 'hastscript';
import type { Root, ElementContent } from 'hast';
import type { BuildContext, Lang } from '../../context.js';
import type { EditionMeta, ReportConfig } from '../../model/config.js';
import type { ReportData } from '../../model/data.js';
import { templateFile, type Strings, type Templates } from '../../model/templates.js';
import type { RenderedEdition, TemplatedEdition } from '../../model/edition.js';
import { ShareMenus } from './share.js';
import type { ChartDownloads, ChartTexts } from '../../model/charts.js';
import { formatDate, formatValue, isUnit } from '../../locale/units.js';
import { reportTemplateError } from '../../diagnostics/template-errors.js';
import { htmlLang, ogLocale } from '../../locale/languages.js';
import { smartenStrings, smartenText } from '../../locale/typography.js';
import { checkPage } from './page-checks.js';
import { fillSlots, type PartialRenderer, type SlotSources } from './slots.js';
import { chapterTree } from './chapter-trees.js';

/** A fresh Handlebars for templates/ (layout and partials), with the t/fmt helpers for one edition. */
export function templateHandlebars(templates: Templates, lang: Lang): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('t', (obj: unknown) =>
    smartenText(
      obj && typeof obj === 'object' ? String((obj as Record<string, unknown>)[lang] ?? '') : String(obj ?? ''),
      lang,
    ),
  );
  hb.registerHelper('fmt', (value: unknown, unit: unknown) =>
    typeof unit === 'string' && isUnit(unit) && value !== null && value !== undefined
      ? formatValue(String(value), unit, lang, { short: true })
      : String(value ?? ''),
  );
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // Handlebars' own {{log}} writes to the console: a build prints catalogue lines only.
  hb.registerHelper('log', () => '');
  // A CSS string literal (for @page content in a <style>): quoted and escaped here, so it is output raw.
  // A JavaScript string literal, safe inside <script> (no "</script>", no line separators).
  hb.registerHelper(
    'jsString',
    (s: unknown) =>
      new hb.SafeString(
        JSON.stringify(String(s ?? ''))
          .replace(/</g, '\\u003c')
          .replace(/\u2028/g, '\\u2028')
          .replace(/\u2029/g, '\\u2029'),
      ),
  );
  hb.registerHelper(
    'cssString',
    (s: unknown) =>
      new hb.SafeString(
        `"${String(s ?? '')
          .replace(/[\\"]/g, '\\$&')
          .replace(/</g, '\\3c ')
          .replace(/\n/g, '\\a ')}"`,
      ),
  );
  for (const [name, text] of Object.entries(templates.partials)) hb.registerPartial(name, text);
  return hb;
}

export { languageChooser } from './language-chooser.js';

/**
 * Stage 6: one edition's chapters (hast) + figures + tables → the edition's HTML page, and, when `want.trees`, the
 * chapters' trees as filled (the partials' output read into hast) for the formats written from trees.
 * Placeholders left by render-markdown are replaced by figure and table trees here.
 */
export function applyTemplates(
  ctx: BuildContext,
  edition: RenderedEdition,
  config: ReportConfig,
  data: ReportData,
  templates: Templates,
  svgs: ChartTexts,
  links: EditionLinks,
  downloads: ChartDownloads = new Map(),
  want: { trees: boolean } = { trees: false },
): TemplatedEdition | undefined {
  const { lang } = edition;
  const strings = smartenStrings(templates.strings[lang], lang);
  const meta = smartenStrings(config.editions[lang], lang);
  const hb = templateHandlebars(templates, lang);
  const datasets: string[] = [];
  const layoutFile = { file: templateFile(templates, 'layout') };
  const renderPartial = partialRenderer(ctx, hb, templates);
  const byline = renderPartial(
    'byline',
    { meta, date: formatDate(config.date, lang), isoDate: config.date, strings, lang },
    layoutFile,
  );
  const share = new ShareMenus(
    (name, context) => renderPartial(name, context, layoutFile),
    config,
    lang,
    strings,
    downloads,
  );
  const slots: SlotSources = { edition, data, svgs, strings, byline, share, renderPartial, datasets };
  // Our own SVG and table markup travel as raw nodes: serialised as they are.
  const serialise = unified().use(rehypeStringify, { allowDangerousHtml: true });
  const chapters = edition.chapters.map(({ chapter, tree }) => {
    fillSlots(tree, slots);
    addAnchors(tree, strings.anchorLabel);
    const section = h(
      'section.chapter',
      { id: `section-${chapter.id}`, dataChapter: chapter.id },
      tree.children as ElementContent[],
    );
    return { id: chapter.id, html: serialise.stringify({ type: 'root', children: [section] }), tree };
  });
  const headings = edition.chapters.flatMap((c) => c.headings);
  const toc = headings.filter((x) => x.depth <= 3).map((x) => ({ ...x, sub: x.depth === 3 }));
  let layout: HandlebarsTemplateDelegate;
  try {
    layout = hb.compile(templates.layout, { strict: false });
    const html = layout(layoutContext(lang, config, templates, links, { strings, meta, toc, chapters }));
    checkPage(ctx, lang, html, headings, templates);
    const { published } = edition;
    const files = [...share.files, ...published.files];
    const page = { lang, html, headings, datasets: [...new Set([...datasets, ...published.datasets])], files };
    const trees = want.trees ? { chapters: chapters.map((c) => ({ id: c.id, tree: chapterTree(c.tree) })) } : undefined;
    return { page, trees };
  } catch (e) {
    reportTemplateError(ctx, e as Error, templateFile(templates, 'layout'));
    return undefined;
  }
}

/** The edition's links: its other editions (language chooser) and its PDF. */
interface EditionLinks {
  others: { lang: Lang; name: string; href: string }[];
  pdfHref: string;
}

/** The edition's own parts of the layout: its texts, its contents and its chapters' HTML. */
interface EditionPage {
  strings: Strings;
  meta: EditionMeta;
  toc: object[];
  chapters: { id: string; html: string }[];
}

/**
 * What the layout template is rendered with: the edition's page, the report's styles, and its links (canonical,
 * alternates, Open Graph).
 */
function layoutContext(
  lang: Lang,
  config: ReportConfig,
  templates: Templates,
  links: EditionLinks,
  page: EditionPage,
): object {
  const base = config.baseUrl?.replace(/\/$/, '');
  return {
    lang,
    htmlLang: htmlLang[lang],
    strings: page.strings,
    meta: page.meta,
    config,
    date: formatDate(config.date, lang),
    isoDate: config.date,
    toc: page.toc,
    chapters: page.chapters,
    others: links.others,
    pdfHref: links.pdfHref,
    css: templates.css,
    printCss: templates.printCss,
    canonical: config.baseUrl ? `${base}/${lang}/` : undefined,
    alternates: config.baseUrl ? config.languages.map((l) => ({ hreflang: htmlLang[l], href: `${base}/${l}/` })) : [],
    xDefault: config.baseUrl ? `${base}/` : undefined,
    ogLocale: ogLocale[lang],
    ogLocaleAlternates: links.others.map((o) => ogLocale[o.lang]),
  };
}

/**
 * Renders a partial of the report's templates/ or the theme by name; a missing one is reported where it is
 * named (`usedAt`). Each partial is compiled once per edition (a long report renders its figure and table
 * partials hundreds of times).
 */
function partialRenderer(ctx: BuildContext, hb: typeof Handlebars, templates: Templates): PartialRenderer {
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  return (name, context, usedAt) => {
    const text = hb.partials[name] as string | undefined;
    if (typeof text !== 'string') {
      ctx.diagnostics.report('unknown-partial', usedAt, [name]);
      return undefined;
    }
    try {
      let template = compiled.get(name);
      if (!template) compiled.set(name, (template = hb.compile(text)));
      return template(context);
    } catch (e) {
      reportTemplateError(ctx, e as Error, templateFile(templates, `partials/${name}`));
      return undefined;
    }
  };
}

/** A visible "#" link on each heading, for sharing a section. */
function addAnchors(tree: Root, label: string): void {
  for (const node of tree.children) {
    if (node.type === 'element' && /^h[2-5]$/.test(node.tagName) && node.properties.id) {
      node.children.push(h('a.anchor', { href: `#${node.properties.id}`, ariaLabel: label }, '#'));
    }
  }
}
