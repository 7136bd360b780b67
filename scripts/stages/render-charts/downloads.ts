import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { BuildContext, Lang } from '../../context.js';
import type { BuildPage } from '../../browser/page-pool.js';
import { editionFamilies } from '../../fonts/catalogue.js';
import { embeddedFontCss } from '../../fonts/embedded.js';
import { composeOnPage, pngOnPage, type Frame } from './compose-page.js';

/** A chart as readers download it: an SVG that carries its fonts, and a PNG drawn from it. */
export interface ChartDownload {
  svg: string;
  png: Uint8Array;
}

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

/**
 * The downloads of every chart (<cache>/charts/<hash>.download.svg and .png,
 * keyed by the chart, its frame and language: an unchanged chart is not drawn
 * again), each drawn as soon as its chart is rendered. The PNG is a screenshot
 * of the composed SVG on a chart page at twice its size: Chromium draws it with
 * the bundled fonts, as the page shows it, and no rasteriser is shipped to the
 * reader. `pages` is called only when something is not in the cache.
 */
export async function chartDownloads(ctx: BuildContext, jobs: DownloadJob[], pages: () => Promise<BuildPage[]>): Promise<Map<string, ChartDownload>> {
  const dir = path.join(ctx.cacheDir, 'charts');
  const out = new Map<string, ChartDownload>();
  // Two lanes (one per page once pages are needed), each taking every other chart in order.
  const lanes = 2;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (const job of jobs.filter((__, j) => j % lanes === lane)) {
        const chart = await job.svg;
        if (!chart) continue;
        const hash = createHash('sha256').update(DOWNLOAD_VERSION).update(JSON.stringify([job.lang, chart, job.frame])).digest('hex').slice(0, 24);
        const file = path.join(dir, `${hash}.download`);
        if (existsSync(`${file}.svg`) && existsSync(`${file}.png`)) {
          out.set(job.key, { svg: readFileSync(`${file}.svg`, 'utf8'), png: readFileSync(`${file}.png`) });
          continue;
        }
        const ready = await pages();
        const page = ready[lane % ready.length]!.page;
        const composed = await composeOnPage(page, chart, job.frame);
        const fonts = await embeddedFontCss(ctx, editionFamilies[job.lang].sans, [
          { text: composed.regular, bold: false },
          { text: composed.bold, bold: true },
        ]);
        const svg = withStyle(composed.svg, fonts.css);
        const png = await pngOnPage(page, svg, composed.width, composed.height);
        writeAtomic(`${file}.png`, png);
        writeAtomic(`${file}.svg`, svg);
        out.set(job.key, { svg, png });
      }
    }),
  );
  return out;
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
