/**
 * Long synchronous work made to give way: `tick()` is called in the work's inner loop and, once `sliceMs` of
 * work has passed since the last turn, awaits one turn of the event loop (so the CLI's SIGINT/SIGTERM handler
 * runs within a slice, not after the chapter) and then stops the work if the signal is aborted.
 */
export interface Pace {
  /** Aborting it makes the next turn throw the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds of work between two turns of the event loop (default 50; 0: at every check). */
  sliceMs?: number;
}

/** Ticks between two looks at the clock: a tick is one score or one small step, far below a millisecond. */
const ticksPerLook = 256;

/** One step of work done: a turn of the event loop to await when one is due, else undefined. */
export type Tick = () => Promise<void> | undefined;

/** A tick for one piece of work (share it between the loops of the same work, so their time adds up). */
export function pacer(pace: Pace = {}): Tick {
  const sliceMs = pace.sliceMs ?? 50;
  let ticks = 0;
  let last = performance.now();
  return () => {
    if (++ticks % ticksPerLook !== 0 || performance.now() - last < sliceMs) return undefined;
    return turn(pace.signal).then(() => void (last = performance.now()));
  };
}

/** One turn of the event loop between two steps of work too big to pace from inside (a chapter's parse), then the signal. */
export async function turn(signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  signal?.throwIfAborted();
}
