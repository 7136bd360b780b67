import { TimeoutError, type Page } from 'puppeteer-core';

/**
 * `p`, or a TimeoutError (a `[browser-timeout]` line, faults.ts) once it has not settled within `ms`.
 *
 * Puppeteer bounds each message to the browser (its protocol timeout) but not every wait between them: an
 * evaluation waits for its world's execution context to exist, `page.pdf({ timeout: 0 })` for the utility
 * world it reads `document.fonts.ready` in, `page.close()` for the target to be gone, `browser.newPage()` for
 * the new target — each without end, when the event it waits for never comes.
 */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * The page, each of whose calls that returns a promise (`goto`, `evaluate`, `pdf`, `close`…) ends within `ms`:
 * what the build does on a page (draw a chart download, lay out and print an edition) can be stuck on no single
 * call for longer. The calls run on the page itself: Puppeteer's own calls inside them are not bounded twice.
 */
export function boundedPage(page: Page, ms: number): Page {
  return new Proxy(page, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const out: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        return out instanceof Promise ? within(out, ms, `page.${String(prop)}()`) : out;
      };
    },
  });
}
