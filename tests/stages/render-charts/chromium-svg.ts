import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import type { BuildContext } from '../../../scripts/context.js';
import { allFaces, editionFamilies, fontFaceCss } from '../../../scripts/fonts/catalogue.js';
import { openPages, type BuildPage } from '../../../scripts/browser/page-pool.js';
import { LEGEND_COLUMNS } from '../../../scripts/stages/render-charts/narrow-spec.js';
import { LABEL_ANGLES, X_LABEL_ANGLE } from '../../../scripts/stages/render-charts/axis-labels.js';

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
 * (LEGEND_COLUMNS) with which the whole chart stays within `fitWidth`; a print
 * chart's legend, the most with which it ends within the plot; x labels are
 * turned (X_LABEL_ANGLE) until none is dropped: as render-charts/vega-svg.ts does.
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
    async (spec: unknown, text: string, fit: number, signal: string, angleSignal: string, angles: number[]) => {
      type Bounds = { x1: number; x2: number };
      type Mark = {
        role?: string;
        items?: ({ bounds: Bounds; items?: Mark[]; opacity?: number; datum?: { value?: unknown } } | undefined)[];
      };
      type View = {
        runAsync(): Promise<unknown>;
        toSVG(): Promise<string>;
        signal(name: string, value?: unknown): unknown;
        resize(): unknown;
        finalize(): unknown;
        padding(): { left: number; right: number };
        scenegraph(): { root: Mark & { bounds: Bounds } };
        width(): number;
        scale(name: string): { type?: string; domain(): unknown[] } | undefined;
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
      let hasColumns = true;
      let hasAngle = true;
      try {
        view.signal(signal);
      } catch {
        hasColumns = false;
      }
      try {
        view.signal(angleSignal);
      } catch {
        hasAngle = false;
      }
      // The scene's legends' right edge and its axis labels (a walk without named functions).
      const scan = () => {
        let right = -Infinity;
        const labels: { opacity?: number; datum?: { value?: unknown } }[] = [];
        const stack: Mark[] = [view.scenegraph().root];
        while (stack.length) {
          const mark = stack.pop()!;
          for (const item of mark.items ?? []) {
            if (!item) continue;
            if (mark.role === 'legend') right = Math.max(right, item.bounds.x2);
            else if (mark.role === 'axis-label') labels.push(item);
            else stack.push(...(item.items ?? []));
          }
        }
        let dropped = 0;
        for (const name of ['x', 'y']) {
          let scale: ReturnType<View['scale']>;
          try {
            scale = view.scale(name);
          } catch {
            continue;
          }
          if (!scale || !['band', 'point'].includes(String(scale.type))) continue;
          const domain = scale.domain();
          const own = labels.filter((l) => domain.includes(l.datum?.value));
          const shown = new Set(own.filter((l) => l.opacity !== 0).map((l) => l.datum?.value));
          if (own.length) dropped += domain.filter((d) => !shown.has(d)).length;
        }
        return { right, dropped };
      };
      if (!(fit > 0) && hasColumns && scan().right > view.width() + 0.5) {
        for (let columns = 12; columns >= 1; columns--) {
          view.signal(signal, columns);
          view.resize();
          await view.runAsync();
          if (scan().right <= view.width() + 0.5) break;
        }
      }
      if (hasAngle && scan().dropped) {
        for (const angle of angles.slice(1)) {
          view.signal(angleSignal, angle);
          view.resize();
          await view.runAsync();
          if (!scan().dropped) break;
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
    X_LABEL_ANGLE,
    LABEL_ANGLES,
  );
}
