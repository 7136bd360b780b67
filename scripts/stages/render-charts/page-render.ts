import type { Page } from 'puppeteer';
import { LEGEND_COLUMNS } from './narrow-spec.js';

/**
 * A compiled Vega spec → SVG, on a chart page (Vega and the bundled fonts
 * loaded), after the fonts that the chart's text needs have loaded, so that
 * Vega measures text with the real font. A narrow chart's legend is given the
 * most columns (LEGEND_COLUMNS) with which the whole chart stays within
 * `fitWidth`.
 *
 * A spec Vega cannot draw gives its first line of error instead.
 *
 * The function runs in the page: it must not name inner functions (tsx would
 * wrap them in a helper the page does not have).
 */
export function svgOnPage(page: Page, vg: unknown, text: string, fitWidth: number | undefined): Promise<{ svg?: string; error?: string }> {
  return page.evaluate(
    async (spec: unknown, text: string, fit: number, signal: string) => {
      type Bounds = { x1: number; x2: number };
      type View = {
        runAsync(): Promise<unknown>;
        toSVG(): Promise<string>;
        signal(name: string, value?: unknown): unknown;
        resize(): unknown;
        padding(): { left: number; right: number };
        scenegraph(): { root: { bounds: Bounds } };
      };
      const w = window as unknown as { vega: { View: new (r: unknown, o: unknown) => View; parse(s: unknown): unknown } };
      const fonts = ["400 12px 'Noto Sans SC'", "700 12px 'Noto Sans SC'", "400 12px 'Source Sans 3'", "600 12px 'Source Sans 3'"];
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
        // What the chart's padding leaves of the width it is laid out for, and what it now takes.
        const wanted = fit - Number(view.padding().left) - Number(view.padding().right);
        let columns = Number(view.signal(signal)) || 1;
        for (let tries = 0; tries < 12; tries++) {
          const b = view.scenegraph().root.bounds;
          if (columns <= 1 || b.x2 - b.x1 <= wanted + 0.5) break;
          columns -= 1;
          view.signal(signal, columns);
          // The legend's height changed: lay the chart out again within its size.
          view.resize();
          await view.runAsync();
        }
      }
      return { svg: await view.toSVG() };
    },
    vg,
    text,
    fitWidth ?? 0,
    LEGEND_COLUMNS,
  );
}
