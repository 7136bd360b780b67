import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import type { BuildContext } from '../../../scripts/context.js';
import { allFaces, editionFamilies, fontFaceCss } from '../../../scripts/fonts/catalogue.js';
import { openPages, type BuildPage } from '../../../scripts/browser/page-pool.js';
import { LEGEND_COLUMNS } from '../../../scripts/stages/render-charts/narrow-spec.js';

/**
 * How charts were rendered before they were rendered in Node (kept for the
 * test that compares the two): Vega in a Chromium page that has loaded the
 * bundled fonts, measuring text with the page's canvas.
 */
export function openVegaPage(ctx: BuildContext, hostDir: string): Promise<BuildPage[]> {
  const vegaDir = path.join(ctx.packageDir, 'node_modules', 'vega', 'build');
  const faces = allFaces(ctx.session.fontFaces, ctx.packageDir, [
    ...new Set([...editionFamilies.zh.sans, ...editionFamilies.en.sans]),
  ]);
  const css = fontFaceCss(faces, (f) => pathToFileURL(f.file).href);
  const html = `<!doctype html><meta charset="utf-8"><style>${css}</style><script src="${pathToFileURL(path.join(vegaDir, 'vega.min.js')).href}"></script><body></body>`;
  return openPages(ctx, { count: 1, html, hostDir, allowedDirs: [path.join(ctx.packageDir, 'node_modules'), hostDir] });
}

/**
 * A compiled Vega spec → SVG on that page, after the fonts that the chart's
 * text needs have loaded. A narrow chart's legend is given the most columns
 * (LEGEND_COLUMNS) with which the whole chart stays within `fitWidth`.
 * A spec Vega cannot draw gives its first line of error instead.
 * The function runs in the page: it must not name inner functions (tsx would
 * wrap them in a helper the page does not have).
 */
export function svgOnPage(
  page: Page,
  vg: unknown,
  text: string,
  fitWidth: number | undefined,
): Promise<{ svg?: string; error?: string }> {
  return page.evaluate(
    async (spec: unknown, text: string, fit: number, signal: string) => {
      type Bounds = { x1: number; x2: number };
      type View = {
        runAsync(): Promise<unknown>;
        toSVG(): Promise<string>;
        signal(name: string, value?: unknown): unknown;
        resize(): unknown;
        finalize(): unknown;
        padding(): { left: number; right: number };
        scenegraph(): { root: { bounds: Bounds } };
      };
      const w = window as unknown as {
        vega: { View: new (r: unknown, o: unknown) => View; parse(s: unknown): unknown };
      };
      const fonts = [
        "400 12px 'Noto Sans SC'",
        "700 12px 'Noto Sans SC'",
        "400 12px 'Source Sans 3'",
        "600 12px 'Source Sans 3'",
      ];
      await Promise.all(fonts.map((f) => document.fonts.load(f, text)));
      await document.fonts.ready;
      let view: View;
      try {
        view = new w.vega.View(w.vega.parse(spec), { renderer: 'none' });
        await view.runAsync();
      } catch (e) {
        return { error: String((e as Error)?.message ?? e).split('\n')[0] };
      }
      if (fit > 0) {
        const wanted = fit - Number(view.padding().left) - Number(view.padding().right);
        let columns = Number(view.signal(signal)) || 1;
        for (let tries = 0; tries < 12; tries++) {
          const b = view.scenegraph().root.bounds;
          if (columns <= 1 || b.x2 - b.x1 <= wanted + 0.5) break;
          columns -= 1;
          view.signal(signal, columns);
          view.resize();
          await view.runAsync();
        }
      }
      const svg = await view.toSVG();
      view.finalize();
      return { svg };
    },
    vg,
    text,
    fitWidth ?? 0,
    LEGEND_COLUMNS,
  );
}
