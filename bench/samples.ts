import { failureOf, type RunResult } from './proc.js';

/** One measured run: wall-clock, peak tree memory, and why it failed (if it did). */
export interface Sample {
  ms: number;
  peakBytes: number;
  failure?: string;
}

export function toSample(r: RunResult): Sample {
  return { ms: r.ms, peakBytes: r.peakBytes, failure: failureOf(r) };
}

/** Runs done one after the other as one unit (a peer printing each edition): times add, memory is the max. */
export function sequence(parts: Sample[]): Sample {
  return {
    ms: parts.reduce((s, p) => s + p.ms, 0),
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
export type Outcome = { ok: true; ms: number; peakBytes: number } | { ok: false; why: string };

export function summarize(samples: Sample[]): Outcome {
  const failed = samples.find((s) => s.failure);
  if (failed) return { ok: false, why: failed.failure! };
  const ms = median(samples.map((s) => s.ms));
  if (ms === undefined) return { ok: false, why: 'not run' };
  return { ok: true, ms, peakBytes: Math.max(...samples.map((s) => s.peakBytes)) };
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
