import Handlebars from 'handlebars';
import { unified } from 'unified';
import rehypeStringify from 'rehype-stringify';
import { visit, SKIP } from 'unist-util-visit';
import { h } from 'hastscript';
import type { Root, Element, ElementContent } from 'hast';
import type { BuildContext, Lang } from '../../context.js';
import type { ReportConfig } from '../../model/config.js';
import type { ReportData } from '../../model/data.js';
import { templateFile, type Templates } from '../../model/templates.js';
import type { RenderedEdition, EditionHtml } from '../../model/edition.js';
import { figureTree, tableIds, tableTree } from './figure-trees.js';
import { tableView } from './table-view.js';
import type { Place } from '../../diagnostics/catalogue.js';
import { ShareMenus } from './share.js';
import { chartKey, narrowKey, type ChartDownloads, type ChartTexts } from '../../model/charts.js';
import { formatDate, formatValue, isUnit } from '../../locale/units.js';
import { reportTemplateError } from '../../diagnostics/template-errors.js';
import { htmlLang, ogLocale } from '../../locale/languages.js';
import { smartenStrings, smartenText } from '../../locale/typography.js';
import { checkPage } from './page-checks.js';



/** A fresh Handlebars for templates/ (layout and partials), with the t/fmt helpers for one edition. */
export function templateHandlebars(templates: Templates, lang: Lang): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('t', (obj: unknown) => smartenText(obj && typeof obj === 'object' ? String((obj as Record<string, unknown>)[lang] ?? '') : String(obj ?? ''), lang));
  hb.registerHelper('fmt', (value: unknown, unit: unknown) =>
    typeof unit === 'string' && isUnit(unit) && value !== null && value !== undefined ? formatValue(String(value), unit, lang, { short: true }) : String(value ?? ''),
  );
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // Handlebars' own {{log}} writes to the console: a build prints catalogue lines only.
  hb.registerHelper('log', () => '');
  // A CSS string literal (for @page content in a <style>): quoted and escaped here, so it is output raw.
  // A JavaScript string literal, safe inside <script> (no "</script>", no line separators).
  hb.registerHelper('jsString', (s: unknown) => new hb.SafeString(JSON.stringify(String(s ?? '')).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')));
  hb.registerHelper('cssString', (s: unknown) => new hb.SafeString(`"${String(s ?? '').replace(/[\\"]/g, '\\$&').replace(/</g, '\\3c ').replace(/\n/g, '\\a ')}"`));
  for (const [name, text] of Object.entries(templates.partials)) hb.registerPartial(name, text);
  return hb;
}

export { languageChooser } from './language-chooser.js';

/**
 * Stage 6: one edition's chapters (hast) + figures + tables → the edition's HTML page.
 * Placeholders left by render-markdown are replaced by figure and table trees here.
 */
export function applyTemplates(
  ctx: BuildContext,
  edition: RenderedEdition,
  config: ReportConfig,
  data: ReportData,
  templates: Templates,
  svgs: ChartTexts,
  links: { others: { lang: Lang; name: string; href: string }[]; pdfHref: string },
  downloads: ChartDownloads = new Map(),
): EditionHtml | undefined {
  const { lang } = edition;
  const strings = smartenStrings(templates.strings[lang], lang);
  const meta = smartenStrings(config.editions[lang], lang);
  const hb = templateHandlebars(templates, lang);
  const datasets: string[] = [];
  const layoutFile = { file: templateFile(templates, 'layout') };
  const renderPartial = partialRenderer(ctx, hb, templates);
  const byline = renderPartial('byline', { meta, date: formatDate(config.date, lang), isoDate: config.date, strings, lang }, layoutFile);
  const share = new ShareMenus((name, context) => renderPartial(name, context, layoutFile), config, lang, strings, downloads);
  const slot = (el: Element): ElementContent | undefined => {
    const kind = el.properties.dataKind as string;
    const id = el.properties.dataId as string;
    if (kind === 'byline') return { type: 'raw', value: byline ?? '' } as unknown as ElementContent;
    const n = edition.state.numbers.get(id) ?? 0;
    if (kind === 'figure') {
      const fig = data.figures.get(id)!;
      const key = chartKey(lang, id);
      const svg = svgs.get(key);
      if (svg && fig.dataset) datasets.push(fig.dataset);
      const chart = svg ? { svg, narrow: svgs.get(narrowKey(key)) } : undefined;
      return figureTree(fig, n, lang, strings, chart, share.figure(fig, n, svg ? key : undefined, svg && fig.dataset ? `data/${fig.dataset}.csv` : undefined));
    }
    const table = data.tables.get(id)!;
    const ids = tableIds(table.id);
    const context = table.binding
      ? { ...tableView(table.binding, data.datasets.get(table.binding.dataset)!, lang), table: { id, caption: table.caption[lang], source: table.source[lang] }, ...ids, lang, strings }
      : { data: table.data, ...ids, lang, strings };
    const html = renderPartial(table.partial, context, table.partialAt);
    return tableTree(table, n, lang, strings, html ?? '', share.table(table, n, html ?? ''));
  };
  // Our own SVG and table markup travel as raw nodes: serialised as they are.
  const serialise = unified().use(rehypeStringify, { allowDangerousHtml: true });
  const chapters = edition.chapters.map(({ chapter, tree }) => {
    replaceSlots(tree, slot);
    addAnchors(tree, strings.anchorLabel);
    const section = h('section.chapter', { id: `section-${chapter.id}`, dataChapter: chapter.id }, tree.children as ElementContent[]);
    return { id: chapter.id, html: serialise.stringify({ type: 'root', children: [section] }) };
  });
  const headings = edition.chapters.flatMap((c) => c.headings);
  const toc = headings.filter((x) => x.depth <= 3).map((x) => ({ ...x, sub: x.depth === 3 }));
  let layout: HandlebarsTemplateDelegate;
  try {
    layout = hb.compile(templates.layout, { strict: false });
    const html = layout({
      lang,
      htmlLang: htmlLang[lang],
      strings,
      meta,
      config,
      date: formatDate(config.date, lang),
      isoDate: config.date,
      toc,
      chapters,
      others: links.others,
      pdfHref: links.pdfHref,
      css: templates.css,
      printCss: templates.printCss,
      canonical: config.baseUrl ? `${config.baseUrl.replace(/\/$/, '')}/${lang}/` : undefined,
      alternates: config.baseUrl ? config.languages.map((l) => ({ hreflang: htmlLang[l], href: `${config.baseUrl!.replace(/\/$/, '')}/${l}/` })) : [],
      xDefault: config.baseUrl ? `${config.baseUrl.replace(/\/$/, '')}/` : undefined,
      ogLocale: ogLocale[lang],
      ogLocaleAlternates: links.others.map((o) => ogLocale[o.lang]),
    });
    checkPage(ctx, lang, html, headings, templates);
    return { lang, html, headings, datasets: [...new Set(datasets)], files: share.files };
  } catch (e) {
    reportTemplateError(ctx, e as Error, templateFile(templates, 'layout'));
    return undefined;
  }
}

/**
 * Renders a partial of the report's templates/ or the theme by name; a missing one is reported where it is
 * named (`usedAt`). Each partial is compiled once per edition (a long report renders its figure and table
 * partials hundreds of times).
 */
function partialRenderer(ctx: BuildContext, hb: typeof Handlebars, templates: Templates): (name: string, context: object, usedAt: Place) => string | undefined {
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

function replaceSlots(tree: Root, slot: (el: Element) => ElementContent | undefined): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'report-slot' || !parent || index === undefined) return undefined;
    parent.children[index] = slot(node) ?? node;
    return SKIP;
  });
}

/** A visible "#" link on each heading, for sharing a section. */
function addAnchors(tree: Root, label: string): void {
  for (const node of tree.children) {
    if (node.type === 'element' && /^h[2-5]$/.test(node.tagName) && node.properties.id) {
      node.children.push(h('a.anchor', { href: `#${node.properties.id}`, ariaLabel: label }, '#'));
    }
  }
}
