import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { BuildContext, Lang } from '../../context.js';
import type { BuildPage } from '../../browser/page-pool.js';
import { editionFamilies } from '../../fonts/catalogue.js';
import { embeddedFontCss } from '../../fonts/embedded.js';
import type { ChartDownload } from '../../model/charts.js';
import { textMeasure } from '../../fonts/text-measure.js';
import { composeDownload, type Frame } from './compose.js';
import { pngOnPage } from './png-page.js';

export interface DownloadJob {
  /** `${lang}|${figureId}`: the print rendering's key. */
  key: string;
  lang: Lang;
  /** The print rendering, when it is ready (none: the chart has no download). */
  svg: Promise<string | undefined>;
  frame: Frame;
}

/** Bump when the composed files change for the same input. */
const DOWNLOAD_VERSION = 'download-1';

/** Pages the downloads are drawn on at once (each chart on one, in turn). */
export const DOWNLOAD_PAGES = 2;

/**
 * The download of every chart (<cache>/charts/<hash>.download.svg and .png,
 * keyed by the chart, its frame and language: an unchanged chart is not drawn
 * again), each drawn as soon as its chart is rendered, by key; undefined for a
 * chart that has no print rendering. The chart is framed here (compose.ts,
 * measured with the bundled fonts as Chromium measures them: no browser
 * needed); the PNG is that SVG drawn by Chromium on a chart page at twice its
 * size (png-page.ts), with the fonts it embeds: no rasteriser is shipped.
 * `pages` (DOWNLOAD_PAGES of them) is called only when something is not in the
 * cache. Nothing here is awaited: the build goes on while they are drawn.
 */
export function chartDownloads(
  ctx: BuildContext,
  jobs: DownloadJob[],
  pages: () => Promise<BuildPage[]>,
): Map<string, Promise<ChartDownload | undefined>> {
  const dir = path.join(ctx.cacheDir, 'charts');
  const out = new Map<string, Promise<ChartDownload | undefined>>();
  // One lane per page, each taking every other chart in order: a page draws one chart at a time.
  const lanes: Promise<unknown>[] = Array.from({ length: DOWNLOAD_PAGES }, () => Promise.resolve());
  jobs.forEach((job, j) => {
    const lane = j % DOWNLOAD_PAGES;
    const drawn = lanes[lane]!.then(() => draw(ctx, dir, job, pages, lane));
    lanes[lane] = drawn.catch(() => undefined);
    drawn.catch(() => undefined); // (its failure is the build's, where it is read)
    out.set(job.key, drawn);
  });
  return out;
}

async function draw(
  ctx: BuildContext,
  dir: string,
  job: DownloadJob,
  pages: () => Promise<BuildPage[]>,
  lane: number,
): Promise<ChartDownload | undefined> {
  const chart = await job.svg;
  if (!chart) return undefined;
  const hash = createHash('sha256')
    .update(DOWNLOAD_VERSION)
    .update(JSON.stringify([job.lang, chart, job.frame]))
    .digest('hex')
    .slice(0, 24);
  const file = path.join(dir, `${hash}.download`);
  if (existsSync(`${file}.svg`) && existsSync(`${file}.png`))
    return { svg: readFileSync(`${file}.svg`, 'utf8'), png: readFileSync(`${file}.png`) };
  // In turn with the charts laid out in this thread (the measurer's missing fonts are theirs too); a width that
  // needed a font not decoded yet was estimated: decode it and compose again.
  const measure = textMeasure(ctx);
  const compose = () => composeDownload(chart, job.frame, measure.width.bind(measure));
  const composed = await measure.inTurn(async () => {
    let c = compose();
    while (await measure.loadMissing()) c = compose();
    return c;
  });
  const fonts = await embeddedFontCss(ctx, editionFamilies[job.lang].sans, [
    { text: composed.regular, bold: false },
    { text: composed.bold, bold: true },
  ]);
  const svg = withStyle(composed.svg, fonts.css);
  const ready = await pages();
  const png = await pngOnPage(ready[lane % ready.length]!.page, svg, composed.width, composed.height);
  writeAtomic(`${file}.png`, png);
  writeAtomic(`${file}.svg`, svg);
  return { svg, png };
}

/** The fonts as a <style> first inside the root <svg>. */
function withStyle(svg: string, css: string): string {
  const open = svg.indexOf('>') + 1;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg.slice(0, open)}<style>${css}</style>${svg.slice(open)}`;
}

function writeAtomic(file: string, content: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}
