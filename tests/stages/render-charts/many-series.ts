import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { decodeXML } from 'entities/decode';
import { prepare } from '../../../scripts/build.js';
import { newSession } from '../../../scripts/context.js';
import { startCharts } from '../../../scripts/stages/render-charts/chart-work.js';
import type { Note } from '../../../scripts/stages/render-charts/edition-chart.js';
import { options, repo } from '../../helpers.js';

/** The charts of a report (tests/fixtures/many-series unless given), rendered in Node: no browser. */
export interface RenderedCharts {
  /** `${lang}|${figureId}` (print layout) or `…|narrow` → its SVG. */
  svgs: Map<string, string>;
  /** What each chart reported (rule, place, args), by `${lang}|${figureId}`. */
  notes: Map<string, Note[]>;
}

export async function renderFixture(
  root = path.join(repo, 'tests', 'fixtures', 'many-series'),
): Promise<RenderedCharts> {
  const dir = mkdtempSync(path.join(tmpdir(), 'render-charts-'));
  try {
    const prep = await prepare(
      options(root, path.join(dir, 'dist'), { cacheDir: path.join(dir, 'cache'), session: newSession() }),
    );
    const work = startCharts(prep.ctx, prep.data, prep.templates, prep.config.languages, { threads: false });
    await work.done;
    const svgs = new Map<string, string>();
    const notes = new Map<string, Note[]>();
    for (const [key, chart] of work.charts) {
      const c = await chart;
      if (!c) continue;
      for (const [k, svg] of c.svgs) svgs.set(k, svg);
      notes.set(key, [...c.specProblems, ...c.notes]);
    }
    return { svgs, notes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The marks of one role in an SVG (`mark-area`, `mark-line`, `mark-symbol`, `mark-rect`): each mark's tag. */
export function marksOf(svg: string, role: string): string[] {
  const group = new RegExp(`<g class="mark-${role} role-mark[^"]*"[^>]*>([\\s\\S]*?)</g>`, 'g');
  return [...svg.matchAll(group)].flatMap((m) => m[1]!.match(/<path\b[^>]*>/g) ?? []);
}

/** The points of an SVG path's d (absolute M/L commands, as Vega writes areas and lines). */
export function pathPoints(d: string): [number, number][] {
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/**
 * The texts of an SVG's axis or legend labels (`role-axis-label`, `role-legend-label`), in order, each as one
 * line (a label set on two lines is joined by a space); labels Vega hid (opacity 0) are left out.
 */
export function textsOf(svg: string, role: string): string[] {
  const group = new RegExp(`<g class="mark-text role-${role}"[^>]*>([\\s\\S]*?)</g>`, 'g');
  return [...svg.matchAll(group)].flatMap((m) =>
    [...m[1]!.matchAll(/<text\b([^>]*)>([\s\S]*?)<\/text>/g)]
      .filter((t) => !/\sopacity="0"/.test(t[1]!))
      .map((t) =>
        decodeXML(
          t[2]!
            .replace(/<[^>]*>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim(),
        ),
      ),
  );
}
