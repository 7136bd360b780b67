import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { bareFloor, build, type Env } from './runners.js';
import { stageTotals, toSample, type Sample } from './samples.js';
import { writeSyntheticReport } from './synthetic.js';
import { resetBuild } from './workspace.js';

/** The scale rows: a synthetic report of N chapters per language (synthetic.ts), cold builds against its bare floor. */
export interface ScaleResult {
  chapters: number;
  builds: Sample[];
  floors: Sample[];
  /** Per successful cold build: every stage's total ms. */
  stages: Record<string, number>[];
  /** Pages and passes per edition, from the build's print-pdf lines (the last build's). */
  printed: string[];
}

/** The editions a build wrote: dist/<lang>/index.html. */
export function editionHtmls(root: string): string[] {
  const dist = path.join(root, 'dist');
  if (!existsSync(dist)) return [];
  return readdirSync(dist)
    .map((d) => path.join(dist, d, 'index.html'))
    .filter((f) => existsSync(f))
    .sort();
}

/** N chapters: write the report, then `runs` times a cold build followed by the bare floor on its HTML (interleaved). */
export async function measureScale(
  chapters: number,
  runs: number,
  env: Env,
  progress: (line: string) => void,
): Promise<ScaleResult> {
  const root = path.join(env.ws.dir, `synthetic-${chapters}`);
  writeSyntheticReport(root, chapters);
  const out: ScaleResult = { chapters, builds: [], floors: [], stages: [], printed: [] };
  for (let i = 0; i < runs; i++) {
    resetBuild(root);
    const r = await build(env, root);
    const b = toSample(r);
    out.builds.push(b);
    if (r.code === 0) {
      out.stages.push(stageTotals(r.stdout));
      out.printed = r.stdout
        .split('\n')
        .filter((l) => /^print-pdf\s+\w+: \d+ pages/.test(l))
        .map((l) => l.replace(/^print-pdf\s+/, ''));
    }
    const f = await bareFloor(env, editionHtmls(root));
    out.floors.push(f);
    progress(
      `${chapters} chapters ${i + 1}/${runs}: cold ${(b.ms / 1000).toFixed(2)} s${b.failure ? ` — failed: ${b.failure}` : ''}, bare floor ${(f.ms / 1000).toFixed(2)} s${f.failure ? ` — failed: ${f.failure}` : ''}`,
    );
  }
  return out;
}
