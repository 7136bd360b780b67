import { cpuBound, median, seconds as s, summarize } from './samples.js';
import type { ScaleResult } from './scale.js';

/** Issue #20: a report of 40 chapters (and more) ≤ 1.3× its bare floor; time growing no faster than the floor's (≤ 1.15×). */
const TARGET = { ratio: 1.3, fromChapters: 40, growth: 1.15 };

/** The scale rows as markdown (empty when none were measured), and the targets they miss. */
export function scaleSection(results: ScaleResult[], cores: number): { text: string; misses: string[] } {
  if (!results.length) return { text: '', misses: [] };
  const misses: string[] = [];
  const lines = [
    '| synthetic report, chapters per language | printed | cold build | bare floor | × bare floor | CPU, build / bare floor | peak memory | target | met |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  const ok: { n: number; build: number; floor: number }[] = [];
  const bounds: string[] = [];
  for (const r of results) {
    const b = summarize(r.builds);
    const f = summarize(r.floors);
    const judged = r.chapters >= TARGET.fromChapters;
    const target = judged ? `≤ ${TARGET.ratio}× bare floor` : '—';
    if (!b.ok || !f.ok) {
      lines.push(
        `| ${r.chapters} | | ${b.ok ? s(b.ms) : `failed: ${b.why}`} | ${f.ok ? s(f.ms) : `failed: ${f.why}`} | | | | ${target} | ${judged ? '?' : ''} |`,
      );
      if (judged) misses.push(`NOT JUDGED: ${r.chapters}-chapter report (a run failed)`);
      continue;
    }
    const ratio = b.ms / f.ms;
    const met = ratio <= TARGET.ratio;
    ok.push({ n: r.chapters, build: b.ms, floor: f.ms });
    const cpu = b.cpuMs && f.cpuMs ? `${s(b.cpuMs)} / ${s(f.cpuMs)}` : '';
    lines.push(
      `| ${r.chapters} | ${r.printed.join('; ')} | ${s(b.ms)} | ${s(f.ms)} | ${ratio.toFixed(2)}× | ${cpu} | ${Math.round(b.peakBytes / 2 ** 20)} MB | ${target} | ${judged ? (met ? '✓' : '✗') : ''} |`,
    );
    const bound = cpuBound(`the ${r.chapters}-chapter build`, b, f, cores, TARGET.ratio);
    if (bound && judged) bounds.push(bound);
    if (judged && !met)
      misses.push(
        `MISSED: ${r.chapters}-chapter report — ${s(b.ms)} (${ratio.toFixed(2)}× its bare floor) vs target ≤ ${TARGET.ratio}×`,
      );
  }
  if (bounds.length) lines.push('', ...bounds);
  if (ok.length >= 2) {
    const [a, z] = [ok[0]!, ok.at(-1)!];
    const growth = z.build / a.build / (z.floor / a.floor);
    const met = growth <= TARGET.growth;
    lines.push(
      '',
      `Growth from ${a.n} to ${z.n} chapters: the build ×${(z.build / a.build).toFixed(2)}, its bare floor ×${(z.floor / a.floor).toFixed(2)}; relative growth ${growth.toFixed(2)}× (target ≤ ${TARGET.growth}×: ${met ? '✓' : '✗'}).`,
    );
    if (!met)
      misses.push(
        `MISSED: growth from ${a.n} to ${z.n} chapters — ${growth.toFixed(2)}× the bare floor's vs target ≤ ${TARGET.growth}×`,
      );
  }
  const names = [...new Set(results.flatMap((r) => r.stages.flatMap((x) => Object.keys(x))))];
  if (names.length) {
    lines.push(
      '',
      `| cold build stage, median ms | ${results.map((r) => `${r.chapters} ch.`).join(' | ')} |`,
      `| --- |${results.map(() => ' ---: |').join('')}`,
    );
    for (const n of names)
      lines.push(
        `| ${n} | ${results.map((r) => Math.round(median(r.stages.map((x) => x[n] ?? 0)) ?? 0)).join(' | ')} |`,
      );
  }
  return { text: lines.join('\n'), misses };
}
