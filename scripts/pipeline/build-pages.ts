import type { BuildContext } from '../context.js';
import type { BuildPage } from '../browser/page-pool.js';
import type { OutputFormat } from '../outputs/format.js';
import { DOWNLOAD_PAGES, openChartPages } from '../stages/render-charts/index.js';

/** The browser pages a build opens as it starts: the chart downloads', and each format's that asks for some. */
export interface BuildPages {
  draw: Promise<BuildPage[]>;
  byFormat: Map<string, Promise<BuildPage[]>>;
}

/** Open, as the build starts, the pages of the chart downloads and of each format that prints (both editions'). */
export function openBuildPages(early: BuildContext, formats: OutputFormat[]): BuildPages | undefined {
  const printing = formats.filter((f) => f.pagesPerEdition > 0);
  if (!printing.length) return undefined;
  const editions = 2; // (the languages are not known yet: a report has both)
  const pages = {
    draw: openChartPages(early, DOWNLOAD_PAGES),
    byFormat: new Map(printing.map((f) => [f.name, openChartPages(early, f.pagesPerEdition * editions)])),
  };
  for (const p of [pages.draw, ...pages.byFormat.values()]) p.catch(() => undefined);
  return pages;
}
