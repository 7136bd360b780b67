import { h } from 'hastscript';
import type { Element, ElementContent } from 'hast';
import type { Lang } from '../../context.js';
import type { Figure, Table } from '../../model/data.js';
import type { Strings } from '../../model/templates.js';
import { smartenText } from '../../locale/typography.js';

/** HTML-safe element id for a figure or table id ("fig:rd-gdp" → "fig-rd-gdp"). */
export function anchorOf(id: string): string {
  return id.replace(':', '-');
}

function sourceLine(label: string, text: string, strings: Strings, lang: Lang, id?: string): Element {
  return h('p.figure-source', { id }, [`${strings.sourceLabels[label] ?? label}${strings.captionSeparator}`, smartenText(text, lang)]);
}

/** The ids of a table's caption and source line, which its <table> may point to (aria-labelledby, aria-describedby). */
export function tableIds(id: string): { captionId: string; sourceId: string } {
  return { captionId: `${anchorOf(id)}-caption`, sourceId: `${anchorOf(id)}-source` };
}

/** A numbered figure as a hast tree: caption, chart (our own SVG, kept raw) or a pending placeholder, unit, coverage, source. */
export function figureTree(fig: Figure, n: number, lang: Lang, strings: Strings, svg: string | undefined, dataHref: string | undefined): Element {
  const label = `${strings.figure}${strings.numberSpace}${n}${strings.captionSeparator}`;
  const caption = smartenText(fig.caption[lang], lang);
  const body: ElementContent[] = [];
  if (svg) {
    const alt = [caption, fig.description && smartenText(fig.description[lang], lang)].filter(Boolean).join(lang === 'zh' ? '。' : '. ');
    body.push(h('div.chart', { role: 'img', ariaLabel: alt }, [{ type: 'raw', value: svg } as unknown as ElementContent]));
  } else {
    body.push(h('div.pending', { role: 'note' }, [h('strong', strings.pending), h('span', strings.pendingDetail)]));
  }
  return h(`figure.figure${svg ? '' : '.figure-pending'}`, { id: anchorOf(fig.id), dataFigure: fig.id }, [
    h('figcaption', [h('span.figure-label', label), caption]),
    ...(fig.subtitle ? [h('p.figure-subtitle', smartenText(fig.subtitle[lang], lang))] : []),
    ...(fig.unit ? [h('p.figure-unit', smartenText(fig.unit[lang], lang))] : []),
    ...body,
    ...(fig.coverage ? [h('p.figure-coverage', [`${strings.coverage}${strings.captionSeparator}`, smartenText(fig.coverage[lang], lang)])] : []),
    sourceLine(fig.sourceLabel, fig.source[lang], strings, lang),
    ...(svg && dataHref ? [h('p.figure-data', [h('a', { href: dataHref, download: '' }, strings.downloadData)])] : []),
  ]);
}

/** A numbered table: caption, the partial's <table> (our own template output, kept raw), note, source. */
export function tableTree(table: Table, n: number, lang: Lang, strings: Strings, tableHtml: string): Element {
  const ids = tableIds(table.id);
  const caption = smartenText(table.caption[lang], lang);
  return h('figure.table-figure', { id: anchorOf(table.id), dataTable: table.id }, [
    h('figcaption', { id: ids.captionId }, [h('span.figure-label', `${strings.table}${strings.numberSpace}${n}${strings.tableSeparator}`), caption]),
    h('div.table-scroll', { tabIndex: 0, role: 'region', ariaLabel: caption }, [{ type: 'raw', value: tableHtml } as unknown as ElementContent]),
    ...(table.note ? [h('p.table-note', [`${strings.noteLabel}${strings.captionSeparator}`, smartenText(table.note[lang], lang)])] : []),
    sourceLine(table.sourceLabel, table.source[lang], strings, lang, ids.sourceId),
  ]);
}
