import { failureOf, type RunResult } from './proc.js';

/** One measured run: wall-clock, peak tree memory, CPU time over every core, and why it failed (if it did). */
export interface Sample {
  ms: number;
  peakBytes: number;
  cpuMs?: number;
  failure?: string;
}

export function toSample(r: RunResult): Sample {
  return { ms: r.ms, peakBytes: r.peakBytes, cpuMs: r.cpuMs, failure: failureOf(r) };
}

/** Runs done one after the other as one unit (a peer printing each edition): times add, memory is the max. */
export function sequence(parts: Sample[]): Sample {
  return {
    ms: parts.reduce((s, p) => s + p.ms, 0),
    cpuMs: parts.reduce((s, p) => s + (p.cpuMs ?? 0), 0),
    peakBytes: Math.max(0, ...parts.map((p) => p.peakBytes)),
    failure: parts.find((p) => p.failure)?.failure,
  };
}

export function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A series' median time, or why there is none: the first failure, if any run failed. */
export type Outcome = { ok: true; ms: number; peakBytes: number; cpuMs?: number } | { ok: false; why: string };

export function summarize(samples: Sample[]): Outcome {
  const failed = samples.find((s) => s.failure);
  if (failed) return { ok: false, why: failed.failure! };
  const ms = median(samples.map((s) => s.ms));
  if (ms === undefined) return { ok: false, why: 'not run' };
  const cpu = samples.map((s) => s.cpuMs).filter((c): c is number => c !== undefined);
  return { ok: true, ms, peakBytes: Math.max(...samples.map((s) => s.peakBytes)), cpuMs: median(cpu) };
}

/** Milliseconds as the bench prints them: "1.23 s". */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * What the CPU a build uses allows on this machine: however well its work overlaps, it cannot take less wall time
 * than its CPU time over the cores. Said against the bare floor and the target, when both ran.
 */
export function cpuBound(
  what: string,
  build: Outcome,
  bare: Outcome,
  cores: number,
  target: number,
): string | undefined {
  if (!build.ok || !bare.ok || !build.cpuMs || !bare.cpuMs || !cores) return undefined;
  const least = build.cpuMs / cores;
  const budget = target * bare.ms * cores - bare.cpuMs;
  return (
    `CPU: ${what} used ${seconds(build.cpuMs)} of CPU, its bare floor ${seconds(bare.cpuMs)}; on ${cores} cores it cannot take less than ${seconds(least)}, ` +
    `${(least / bare.ms).toFixed(2)}× the bare floor's time (wall: ${(build.ms / bare.ms).toFixed(2)}×). Within ${target}× the cores have ${seconds(budget)} of CPU ` +
    `for everything but printing, and the build spends ${seconds(build.cpuMs - bare.cpuMs)} on it.`
  );
}

/** `stage   1234 ms` lines of a build's output → total ms per stage (a stage run per edition is summed). */
export function stageTotals(stdout: string): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const line of stdout.split('\n')) {
    const m = /^([a-z][\w-]*)\s+(\d+) ms$/.exec(line.trim());
    if (m) totals[m[1]!] = (totals[m[1]!] ?? 0) + Number(m[2]);
  }
  return totals;
}
