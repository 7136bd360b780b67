import { h } from 'hastscript';
import type { Element, ElementContent } from 'hast';
import type { Lang } from '../../context.js';
import type { ReportConfig } from '../../model/config.js';
import type { Figure, Table } from '../../model/data.js';
import type { Strings } from '../../model/templates.js';
import type { EditionFile } from '../../model/edition.js';
import { anchorOf, type ChartDownloads } from '../../model/charts.js';
import { formatDate } from '../../locale/units.js';
import { smartenStrings, smartenText } from '../../locale/typography.js';
import { tableCsv } from './table-csv.js';
import { unbroken } from '../../locale/no-break.js';

/**
 * The share menu of each figure and table: its permalink (its id), copy link,
 * downloads (the chart as SVG and PNG, its data as CSV) and "cite this" text
 * from the `cite` partial (theme/partials/cite.hbs, or the report's
 * templates/partials/cite.hbs). A closed <details>: it works without
 * script; the copy buttons show when the page's script runs
 * (the `figure-script` partial, which marks the page `.js`). The files the menu links to are
 * collected in `files`, for write-output.
 */
export class ShareMenus {
  readonly files: EditionFile[] = [];

  constructor(
    /** Renders a partial of the report's templates/ or the theme (reporting its errors), or undefined. */
    private readonly partial: (name: string, context: object) => string | undefined,
    private readonly config: ReportConfig,
    private readonly lang: Lang,
    private readonly strings: Strings,
    /** The downloads of the edition's charts (being drawn), by the print rendering's key. */
    private readonly downloads: ChartDownloads,
  ) {}

  /** A figure's menu; `chartKey` names its rendering when it has one, `dataHref` its dataset's CSV. */
  figure(fig: Figure, n: number, chartKey: string | undefined, dataHref: string | undefined): Element {
    const s = this.strings;
    const anchor = anchorOf(fig.id);
    const links: Element[] = [];
    const drawn = chartKey ? this.downloads.get(chartKey) : undefined;
    if (drawn) {
      // (a drawing that fails fails the build where the file is written; a build that stops first never reads it)
      const file = <T>(p: Promise<T>) => (p.catch(() => undefined), p);
      links.push(this.download(`charts/${anchor}.svg`, file(drawn.then((d) => d.svg)), s.downloadSvg, 'image/svg+xml'));
      links.push(this.download(`charts/${anchor}.png`, file(drawn.then((d) => d.png)), s.downloadPng, 'image/png'));
    }
    if (dataHref)
      links.push(h('a', { href: dataHref, download: dataHref.split('/').pop(), type: 'text/csv' }, s.downloadData));
    return this.menu(
      anchor,
      links,
      s.citeFigure,
      this.cite(fig, `${s.figure}${unbroken(s.numberSpace)}${n}`, fig.caption, fig.source, fig.sourceLabel),
    );
  }

  /** A table's menu, with the table as printed as CSV (table-csv.ts). */
  table(table: Table, n: number, tableHtml: string): Element {
    const s = this.strings;
    const anchor = anchorOf(table.id);
    const links = tableHtml.includes('<tr')
      ? [this.download(`data/tables/${anchor}.csv`, tableCsv(tableHtml), s.downloadTableData, 'text/csv')]
      : [];
    return this.menu(
      anchor,
      links,
      s.citeTable,
      this.cite(table, `${s.table}${unbroken(s.numberSpace)}${n}`, table.caption, table.source, table.sourceLabel),
    );
  }

  private download(path: string, content: EditionFile['content'], label: string, type: string): Element {
    this.files.push({ path, content });
    const name = path
      .split('/')
      .pop()!
      .replace(/\.(\w+)$/, `-${this.lang}.$1`);
    return h('a', { href: path, download: name, type }, label);
  }

  private menu(anchor: string, links: Element[], citeLabel: string, cite: string): Element {
    const s = this.strings;
    const copy = (what: string, label: string) => h('button.share-copy', { type: 'button', dataCopy: what }, label);
    return h('details.share', [
      h('summary', s.share),
      h('div.share-body', [
        h('ul.share-links', [
          h('li', [h('a.share-permalink', { href: `#${anchor}` }, s.permalink), ' ', copy('link', s.copyLink)]),
          ...links.map((a) => h('li', [a])),
        ]),
        h('p.share-cite-label', citeLabel),
        h('p.share-cite', [{ type: 'raw', value: cite } as unknown as ElementContent]),
        copy('cite', s.copyCitation),
        h('span.share-status', { role: 'status' }),
        h('span.share-done', { hidden: true }, s.copied),
      ]),
    ]);
  }

  private cite(
    item: Figure | Table,
    label: string,
    caption: Record<Lang, string>,
    source: Record<Lang, string>,
    sourceLabel: string,
  ): string {
    const base = this.config.baseUrl?.replace(/\/$/, '');
    const anchor = anchorOf(item.id);
    return (
      this.partial('cite', {
        lang: this.lang,
        strings: this.strings,
        meta: smartenStrings(this.config.editions[this.lang], this.lang),
        date: formatDate(this.config.date, this.lang),
        label,
        caption: smartenText(caption[this.lang], this.lang),
        source: smartenText(source[this.lang], this.lang),
        sourceLabel: this.strings.sourceLabels[sourceLabel] ?? sourceLabel,
        url: base ? `${base}/${this.lang}/#${anchor}` : `#${anchor}`,
      }) ?? ''
    );
  }
}
