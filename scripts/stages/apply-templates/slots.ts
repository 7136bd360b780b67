import { visit, SKIP } from 'unist-util-visit';
import type { Root, Element, ElementContent } from 'hast';
import type { ReportData } from '../../model/data.js';
import type { Strings } from '../../model/templates.js';
import type { RenderedEdition } from '../../model/edition.js';
import type { Place } from '../../diagnostics/catalogue.js';
import { chartKey, narrowKey, summaryKey, type ChartTexts } from '../../model/charts.js';
import { figureTree, tableIds, tableTree } from './figure-trees.js';
import { tableView } from './table-view.js';
import type { ShareMenus } from './share.js';

/** Renders a partial by name (reporting a missing or failing one where it is used), or undefined. */
export type PartialRenderer = (name: string, context: object, usedAt: Place) => string | undefined;

/** What one edition's slots are filled from. */
export interface SlotSources {
  edition: RenderedEdition;
  data: ReportData;
  svgs: ChartTexts;
  strings: Strings;
  /** The rendered byline partial. */
  byline: string | undefined;
  share: ShareMenus;
  renderPartial: PartialRenderer;
  /** Collects the dataset of each figure drawn, for the page's downloads. */
  datasets: string[];
}

/** Replaces each placeholder render-markdown left (<report-slot>) by its figure, table or byline; an unknown one stays. */
export function fillSlots(tree: Root, sources: SlotSources): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'report-slot' || !parent || index === undefined) return undefined;
    parent.children[index] = slotContent(node, sources) ?? node;
    return SKIP;
  });
}

function slotContent(el: Element, s: SlotSources): ElementContent | undefined {
  const kind = el.properties.dataKind as string;
  const id = el.properties.dataId as string;
  if (kind === 'byline') return { type: 'raw', value: s.byline ?? '' } as unknown as ElementContent;
  const n = s.edition.state.numbers.get(id) ?? 0;
  return kind === 'figure' ? figureSlot(s, id, n) : tableSlot(s, id, n);
}

/** A numbered figure: its chart (print and narrow renderings) when drawn, and its share menu. */
function figureSlot(s: SlotSources, id: string, n: number): Element {
  const { lang } = s.edition;
  const fig = s.data.figures.get(id)!;
  const key = chartKey(lang, id);
  const svg = s.svgs.get(key);
  if (svg && fig.dataset) s.datasets.push(fig.dataset);
  const chart = svg ? { svg, narrow: s.svgs.get(narrowKey(key)), summary: s.svgs.get(summaryKey(key)) } : undefined;
  return figureTree(
    fig,
    n,
    lang,
    s.strings,
    chart,
    s.share.figure(fig, n, svg ? key : undefined, svg && fig.dataset ? `data/${fig.dataset}.csv` : undefined),
    isIllustrative(s.data, fig.dataset),
  );
}

/** A numbered table: its partial rendered from its bound dataset's view, or from its own data. */
function tableSlot(s: SlotSources, id: string, n: number): Element {
  const { lang } = s.edition;
  const { strings } = s;
  const table = s.data.tables.get(id)!;
  const ids = tableIds(table.id);
  const context = table.binding
    ? {
        ...tableView(table.binding, s.data.datasets.get(table.binding.dataset)!, lang),
        table: { id, caption: table.caption[lang], source: table.source[lang] },
        ...ids,
        lang,
        strings,
      }
    : { data: table.data, ...ids, lang, strings };
  const html = s.renderPartial(table.partial, context, table.partialAt);
  const illustrative = isIllustrative(s.data, table.binding?.dataset);
  return tableTree(table, n, lang, strings, html ?? '', s.share.table(table, n, html ?? ''), illustrative);
}

/** Whether a figure's or table's dataset is sample data (`illustrative: true` in its meta). */
function isIllustrative(data: ReportData, dataset: string | undefined): boolean {
  return dataset !== undefined && data.datasets.get(dataset)?.meta.illustrative === true;
}
