import Handlebars from 'handlebars';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { Root, Element, ElementContent, RootContent } from 'hast';
import type { BuildContext, Lang } from '../../context.js';
import type { ReportConfig } from '../../model/config.js';
import type { ReportData } from '../../model/data.js';
import type { Templates } from '../../model/templates.js';
import type { RenderedEdition, Heading, EditionHtml } from '../../model/edition.js';
import { figureTree, tableTree } from './figure-trees.js';
import { ShareMenus } from './share.js';
import { chartKey, narrowKey, type ChartTexts } from '../../model/charts.js';
import { formatDate, formatValue, isUnit } from '../../locale/units.js';
import { reportTemplateError } from '../../diagnostics/template-errors.js';
import { htmlLang, ogLocale } from '../../locale/languages.js';



/** A fresh Handlebars for templates/ (layout and partials), with the t/fmt helpers for one edition. */
export function templateHandlebars(templates: Templates, lang: Lang): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('t', (obj: unknown) => (obj && typeof obj === 'object' ? String((obj as Record<string, unknown>)[lang] ?? '') : String(obj ?? '')));
  hb.registerHelper('fmt', (value: unknown, unit: unknown) =>
    typeof unit === 'string' && isUnit(unit) && value !== null && value !== undefined ? formatValue(String(value), unit, lang, { short: true }) : String(value ?? ''),
  );
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // A CSS string literal (for @page content in a <style>): quoted and escaped here, so it is output raw.
  // A JavaScript string literal, safe inside <script> (no "</script>", no line separators).
  hb.registerHelper('jsString', (s: unknown) => new hb.SafeString(JSON.stringify(String(s ?? '')).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')));
  hb.registerHelper('cssString', (s: unknown) => new hb.SafeString(`"${String(s ?? '').replace(/[\\"]/g, '\\$&').replace(/</g, '\\3c ').replace(/\n/g, '\\a ')}"`));
  for (const [name, text] of Object.entries(templates.partials)) hb.registerPartial(name, text);
  return hb;
}

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
): EditionHtml | undefined {
  const { lang } = edition;
  const strings = templates.strings[lang];
  const meta = config.editions[lang];
  const hb = templateHandlebars(templates, lang);
  const datasets: string[] = [];
  const byline = renderPartial(ctx, hb, 'byline', { meta, date: formatDate(config.date, lang), strings, lang });
  const share = new ShareMenus((name, context) => renderPartial(ctx, hb, name, context), config, lang, strings, svgs);
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
    const html = renderPartial(ctx, hb, table.partial, { data: table.data, lang, strings }, table.at.file);
    return tableTree(table, n, lang, strings, html ?? '', share.table(table, n, html ?? ''));
  };
  const chapters = edition.chapters.map(({ chapter, tree }) => {
    replaceSlots(tree, slot);
    addAnchors(tree, strings.anchorLabel);
    const section = h('section.chapter', { id: `section-${chapter.id}`, dataChapter: chapter.id }, tree.children as ElementContent[]);
    return { id: chapter.id, html: toHtml(section, { allowDangerousHtml: true }) };
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
    reportIdClashes(ctx, html, headings);
    return { lang, html, headings, datasets: [...new Set(datasets)], files: share.files };
  } catch (e) {
    reportTemplateError(ctx, e as Error, 'templates/layout.hbs');
    return undefined;
  }
}

function renderPartial(ctx: BuildContext, hb: typeof Handlebars, name: string, context: object, usedIn = 'templates/layout.hbs'): string | undefined {
  const text = hb.partials[name] as string | undefined;
  if (typeof text !== 'string') {
    ctx.diagnostics.report('unknown-partial', { file: usedIn }, [name]);
    return undefined;
  }
  try {
    return hb.compile(text)(context);
  } catch (e) {
    reportTemplateError(ctx, e as Error, `templates/partials/${name}.hbs`);
    return undefined;
  }
}

/** A heading id the page already uses for something else (the layout's `main`, `top`…) breaks links and the TOC. */
function reportIdClashes(ctx: BuildContext, html: string, headings: Heading[]): void {
  const count = new Map<string, number>();
  for (const m of html.matchAll(/\sid="([^"]*)"/g)) count.set(m[1]!, (count.get(m[1]!) ?? 0) + 1);
  for (const hd of headings) {
    if ((count.get(hd.id) ?? 0) > 1) ctx.diagnostics.report('duplicate-id', { file: hd.file, line: hd.line, column: 1 }, [hd.id, 'templates/layout.hbs, which uses it for its own element']);
  }
}

function replaceSlots(tree: Root | Element, slot: (el: Element) => ElementContent | undefined): void {
  tree.children = tree.children.map((node) => {
    if (node.type !== 'element') return node;
    if (node.tagName === 'report-slot') return slot(node) ?? node;
    replaceSlots(node, slot);
    return node;
  }) as RootContent[] as typeof tree.children;
}

/** A visible "#" link on each heading, for sharing a section. */
function addAnchors(tree: Root, label: string): void {
  for (const node of tree.children) {
    if (node.type === 'element' && /^h[2-5]$/.test(node.tagName) && node.properties.id) {
      node.children.push(h('a.anchor', { href: `#${node.properties.id}`, ariaLabel: label }, '#'));
    }
  }
}
