/** The theme as the stages see it: layout, partials, styles, strings per language, chart theme. */
import type { Lang } from '../context.js';

export interface Strings {
  languageName: string;
  figure: string;
  /** Before several numbers ({{ref}} with several ids); the same as `figure` where each number has its own. */
  figures: string;
  table: string;
  tables: string;
  numberSpace: string;
  captionSeparator: string;
  tableSeparator: string;
  noteLabel: string;
  sourceLabels: Record<string, string>;
  contents: string;
  notes: string;
  /** Before a chapter's title, naming its notes for assistive technology ("Notes: ", "注释："). */
  notesOf: string;
  /** The heading of the list of cited references at an edition's end (report.yaml `citations.bibliography`). */
  bibliography: string;
  /** Print, report.yaml `notes: endnotes`: the heading of the notes gathered at the PDF's end ("Notes", "注释"). */
  endnotes: string;
  backToText: string;
  /** Before the rest of a footnote split across two pages, in print ("(continued)", "（续）"). */
  noteContinued: string;
  pending: string;
  pendingDetail: string;
  /** The mark on a figure or table drawn from a dataset whose meta says `illustrative: true`. */
  illustrative: string;
  coverage: string;
  pageBefore: string;
  pageMiddle: string;
  pageAfter: string;
  otherLanguage: string;
  menu: string;
  downloadPdf: string;
  downloadData: string;
  dataTable: string;
  authorsLabel: string;
  authorsOpen: string;
  authorsClose: string;
  dateLabel: string;
  contactLabel: string;
  listSeparator: string;
  /** Before the last of a list (" and ", " 和"). */
  listAnd: string;
  anchorLabel: string;
  skipToContent: string;
  chooseLanguage: string;
  /** What a chart's mark is called to a screen reader, and how the keys go through the marks. */
  dataPoint: string;
  chartKeys: string;
  /** The share menu of figures and tables. */
  share: string;
  permalink: string;
  copyLink: string;
  copied: string;
  downloadSvg: string;
  downloadPng: string;
  downloadTableData: string;
  citeFigure: string;
  citeTable: string;
  copyCitation: string;
  /** The words of the summary a chart's alternate text ends with (render-charts/chart-summary.ts). */
  chartSummary: ChartSummaryStrings;
}

/**
 * The words of a chart's summary: what each kind of chart is called, and how its parts are joined;
 * `{year}`, `{from}`, `{to}`, `{n}` and `{value}` are filled in.
 */
export interface ChartSummaryStrings {
  bar: string;
  line: string;
  area: string;
  point: string;
  dot: string;
  arc: string;
  chart: string;
  and: string;
  comma: string;
  semicolon: string;
  year: string;
  years: string;
  series: string;
  highest: string;
  lowest: string;
}

/** The keys of `chartSummary` (each required in the theme's strings). */
export const chartSummaryKeys: (keyof ChartSummaryStrings)[] = [
  'bar',
  'line',
  'area',
  'point',
  'dot',
  'arc',
  'chart',
  'and',
  'comma',
  'semicolon',
  'year',
  'years',
  'series',
  'highest',
  'lowest',
];

export interface Templates {
  layout: string;
  partials: Record<string, string>;
  css: string;
  printCss: string;
  strings: Record<Lang, Strings>;
  chartTheme: Record<string, unknown>;
  /**
   * Where each template came from, for messages: `layout`, `partials/<name>`,
   * `styles/report.css`, … → the report's `templates/…` or the built-in `theme/…`.
   */
  files: Record<string, string>;
  /** Concatenated template sources, for content hashes. */
  fingerprint: string;
}

/** The file a template came from (for messages), by its name in `Templates.files`. */
export function templateFile(templates: Pick<Templates, 'files'>, name: string): string {
  return templates.files[name] ?? `templates/${name}`;
}
