import { h } from 'hastscript';
import type { Element, ElementContent } from 'hast';
import type { Lang } from '../../context.js';
import type { Figure, Table } from '../../model/data.js';
import type { Strings } from '../../model/templates.js';
import { smartenText } from '../../locale/typography.js';
import { joined } from '../../locale/no-break.js';
import { anchorOf } from '../../model/charts.js';

function sourceLine(label: string, text: string, strings: Strings, lang: Lang, id?: string): Element {
  return h('p.figure-source', { id }, [
    `${strings.sourceLabels[label] ?? label}${strings.captionSeparator}`,
    smartenText(text, lang),
  ]);
}

/**
 * The mark of a figure or table drawn from sample data (its dataset's meta says `illustrative: true`): a line
 * under the caption, in words that are read aloud and printed, and the same words across the chart or table
 * (`data-watermark`, drawn by the theme's CSS).
 */
function illustrativeMark(strings: Strings): Element {
  return h('p.illustrative-mark', strings.illustrative);
}

/** The ids of a table's caption and source line, which its <table> may point to (aria-labelledby, aria-describedby). */
export function tableIds(id: string): { captionId: string; sourceId: string } {
  return { captionId: `${anchorOf(id)}-caption`, sourceId: `${anchorOf(id)}-source` };
}

/** A chart's renderings: print (also the web's wide layout) and, when there is one, the narrow (phone) layout. */
export interface ChartSvgs {
  svg: string;
  narrow?: string;
  /** What the chart draws, in words (render-charts/chart-summary.ts): the end of its name. */
  summary?: string;
}

/**
 * A numbered figure as a hast tree: caption, chart (our own SVG, kept raw) or a pending placeholder, unit,
 * coverage, source, share menu. A chart is a figure (role) named by its caption, description and the summary of
 * what it draws (its alternate text in the PDF too), whose marks carry their values (render-charts/mark-text.ts);
 * CSS shows the narrow rendering on narrow screens, print the print one.
 */
export function figureTree(
  fig: Figure,
  n: number,
  lang: Lang,
  strings: Strings,
  chart: ChartSvgs | undefined,
  share?: Element,
  illustrative = false,
): Element {
  const label = `${joined(strings.figure, strings.numberSpace, n)}${strings.captionSeparator}`;
  const caption = smartenText(fig.caption[lang], lang);
  const anchor = anchorOf(fig.id);
  const body: ElementContent[] = [];
  const raw = (svg: string) => ({ type: 'raw', value: svg }) as unknown as ElementContent;
  if (chart) {
    // (each part's own full stop dropped: the parts are joined by one)
    const alt = [caption, fig.description && smartenText(fig.description[lang], lang), chart.summary]
      .filter((part): part is string => !!part)
      .map((part) => part.replace(/[.。]$/, ''))
      .join(lang === 'zh' ? '。' : '. ');
    body.push(
      h(
        'div.chart',
        {
          role: 'figure',
          ariaLabel: alt,
          ariaDescribedBy: `${anchor}-keys`,
          dataNarrow: chart.narrow ? '' : undefined,
          dataWatermark: illustrative ? strings.illustrative : undefined,
        },
        [
          h('div.chart-wide', [raw(withStops(chart.svg, `${anchor}-source`))]),
          ...(chart.narrow ? [h('div.chart-narrow', [raw(withStops(chart.narrow, `${anchor}-source`))])] : []),
        ],
      ),
      h('p.chart-keys', { id: `${anchor}-keys` }, strings.chartKeys),
    );
  } else {
    body.push(h('div.pending', { role: 'note' }, [h('strong', strings.pending), h('span', strings.pendingDetail)]));
  }
  const kind = `${chart ? '' : '.figure-pending'}${illustrative ? '.illustrative' : ''}`;
  return h(`figure.figure${kind}`, { id: anchor, dataFigure: fig.id }, [
    h('figcaption', [h('span.figure-label', label), caption]),
    ...(illustrative ? [illustrativeMark(strings)] : []),
    ...(fig.subtitle ? [h('p.figure-subtitle', smartenText(fig.subtitle[lang], lang))] : []),
    ...(fig.unit ? [h('p.figure-unit', smartenText(fig.unit[lang], lang))] : []),
    ...body,
    ...(fig.coverage
      ? [
          h('p.figure-coverage', [
            `${strings.coverage}${strings.captionSeparator}`,
            smartenText(fig.coverage[lang], lang),
          ]),
        ]
      : []),
    sourceLine(fig.sourceLabel, fig.source[lang], strings, lang, `${anchor}-source`),
    ...(share ? [share] : []),
  ]);
}

/**
 * The marks that say their values (render-charts/mark-text.ts), reachable by keyboard: one tab stop, the
 * first mark (the page's script moves it with the arrow keys), and each described by the figure's source line.
 */
function withStops(svg: string, sourceId: string): string {
  let stop = '0';
  return svg.replace(/<\w+ aria-label="[^"]*" role="graphics-symbol"/g, (mark) => {
    const out = `${mark} tabindex="${stop}" aria-describedby="${sourceId}"`;
    stop = '-1';
    return out;
  });
}

/** A numbered table: caption, the partial's <table> (our own template output, kept raw), note, source, share menu. */
export function tableTree(
  table: Table,
  n: number,
  lang: Lang,
  strings: Strings,
  tableHtml: string,
  share?: Element,
  illustrative = false,
): Element {
  const ids = tableIds(table.id);
  const caption = smartenText(table.caption[lang], lang);
  const kind = illustrative ? '.illustrative' : '';
  return h(`figure.table-figure${kind}`, { id: anchorOf(table.id), dataTable: table.id }, [
    h('figcaption', { id: ids.captionId }, [
      h('span.figure-label', `${joined(strings.table, strings.numberSpace, n)}${strings.tableSeparator}`),
      caption,
    ]),
    ...(illustrative ? [illustrativeMark(strings)] : []),
    h(
      'div.table-scroll',
      {
        tabIndex: 0,
        role: 'region',
        ariaLabel: caption,
        dataWatermark: illustrative ? strings.illustrative : undefined,
      },
      [{ type: 'raw', value: tableHtml } as unknown as ElementContent],
    ),
    ...(table.note
      ? [h('p.table-note', [`${strings.noteLabel}${strings.captionSeparator}`, smartenText(table.note[lang], lang)])]
      : []),
    sourceLine(table.sourceLabel, table.source[lang], strings, lang, ids.sourceId),
    ...(share ? [share] : []),
  ]);
}
