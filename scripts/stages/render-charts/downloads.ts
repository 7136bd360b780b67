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
  svg: string;
  frame: Frame;
}

/** Bump when the composed files change for the same input. */
const DOWNLOAD_VERSION = 'download-1';

/**
 * The downloads of every chart (<cache>/charts/<hash>.download.svg and .png,
 * keyed by the chart, its frame and language: an unchanged chart is not drawn
 * again). The PNG is a screenshot of the composed SVG on a chart page at twice
 * its size: Chromium draws it with the bundled fonts, as the page shows it,
 * and no rasteriser is shipped to the reader. `pages` is called only when
 * something is not in the cache.
 */
export async function chartDownloads(ctx: BuildContext, jobs: DownloadJob[], pages: () => Promise<BuildPage[]>): Promise<Map<string, ChartDownload>> {
  const dir = path.join(ctx.cacheDir, 'charts');
  const out = new Map<string, ChartDownload>();
  const todo: (DownloadJob & { file: string })[] = [];
  for (const job of jobs) {
    const hash = createHash('sha256').update(DOWNLOAD_VERSION).update(JSON.stringify([job.lang, job.svg, job.frame])).digest('hex').slice(0, 24);
    const file = path.join(dir, `${hash}.download`);
    if (existsSync(`${file}.svg`) && existsSync(`${file}.png`)) out.set(job.key, { svg: readFileSync(`${file}.svg`, 'utf8'), png: readFileSync(`${file}.png`) });
    else todo.push({ ...job, file });
  }
  if (!todo.length) return out;
  const ready = await pages();
  const split = ready.map((_, i) => todo.filter((__, j) => j % ready.length === i));
  await Promise.all(
    ready.map(async ({ page }, i) => {
      for (const job of split[i]!) {
        const composed = await composeOnPage(page, job.svg, job.frame);
        const fonts = await embeddedFontCss(ctx, editionFamilies[job.lang].sans, [
          { text: composed.regular, bold: false },
          { text: composed.bold, bold: true },
        ]);
        const svg = withStyle(composed.svg, fonts.css);
        const png = await pngOnPage(page, svg, composed.width, composed.height);
        writeAtomic(`${job.file}.png`, png);
        writeAtomic(`${job.file}.svg`, svg);
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
