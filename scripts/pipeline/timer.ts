/** A stage's runner: runs it, adds its milliseconds to `timings` and logs them (`name   123 ms`). */
export type StageTimer = <T>(stage: string, fn: () => T | Promise<T>) => Promise<T>;

export function timer(log: (l: string) => void, timings: Record<string, number>): StageTimer {
  return async (stage, fn) => {
    // A turn of the event loop between stages: a signal (Ctrl-C, SIGTERM) is handled there, not after the build.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const t0 = performance.now();
    const out = await fn();
    const ms = Math.round(performance.now() - t0);
    timings[stage] = (timings[stage] ?? 0) + ms;
    log(`${stage.padEnd(18)} ${String(ms).padStart(6)} ms`);
    return out;
  };
}
