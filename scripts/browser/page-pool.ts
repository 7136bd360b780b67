import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import type { BuildContext } from '../context.js';
import { boundedPage, within } from './bounded-page.js';
import { timedOut } from './faults.js';
import { guardPage, type Guard } from './request-guard.js';

/** A browser page with its request guard, reused from job to job (charts, then a PDF); each call bounded (bounded-page.ts). */
export interface BuildPage {
  page: Page;
  guard: Guard;
}

/**
 * Open `count` pages on the build's browser, each guarded (only `allowedDirs`
 * may be loaded) and with the host document `html` loaded from a file written
 * into `hostDir` for the time of the load.
 */
export function openPages(
  ctx: BuildContext,
  opts: { count: number; html: string; hostDir: string; allowedDirs: string[] },
): Promise<BuildPage[]> {
  return (async () => {
    const browser = await ctx.browser();
    mkdirSync(opts.hostDir, { recursive: true });
    // A name of its own: a build opens its download and print pages at once, and two host files named by the
    // process and the millisecond were one file, removed by the first opening under the second (ERR_FILE_NOT_FOUND).
    const host = path.join(opts.hostDir, `host-${process.pid}-${randomUUID()}.html`);
    writeFileSync(host, opts.html);
    // A browser that goes away while a page opens fails the opening at once: Puppeteer's wait for the new
    // page's target would otherwise run to its timeout.
    let onGone = () => undefined as void;
    const gone = new Promise<never>((_, reject) => {
      onGone = () => reject(new Error('the browser has disconnected while pages were opening'));
      if (!browser.connected) onGone();
      browser.once('disconnected', onGone);
    });
    gone.catch(() => undefined);
    try {
      const opening = Promise.all(
        Array.from({ length: opts.count }, async () => {
          const page = await newBoundedPage(ctx);
          const guard = await guardPage(page, opts.allowedDirs, ctx.browserTimeoutMs);
          await page.goto(pathToFileURL(host).href, { waitUntil: 'load' });
          return { page, guard };
        }),
      );
      opening.catch(() => undefined); // (a failure after the browser went away is that)
      return await Promise.race([opening, gone]);
    } finally {
      browser.off('disconnected', onGone);
      rmSync(host, { force: true });
    }
  })();
}

/** A new page on the build's browser, each of its calls bounded by the browser timeout (bounded-page.ts). */
export async function newBoundedPage(ctx: BuildContext): Promise<Page> {
  const browser = await ctx.browser();
  return boundedPage(await within(browser.newPage(), ctx.browserTimeoutMs, 'a new page'), ctx.browserTimeoutMs);
}

/** Close the pages (those that opened), whatever state they are in (a page that does not close in time is left to the browser's end). */
export async function closePages(pages: Promise<BuildPage[]>): Promise<void> {
  const ready = await pages.catch(() => [] as BuildPage[]);
  await Promise.all(ready.map((l) => (l.page.isClosed() ? undefined : l.page.close().catch(() => undefined))));
}

/**
 * Run `job` on `page`, or on a page of its own (closed after). A page stuck in a call — no answer within the
 * browser timeout — is left, and the job run again, once, on a new page, saying so (`label`: who says it). A
 * browser that went away, a job stopped (`signal`), or a second page stuck fail as they are.
 */
export async function onPage<T>(
  ctx: BuildContext,
  opts: { page?: BuildPage; allowedDirs: string[]; signal?: AbortSignal; label: string },
  job: (page: BuildPage) => Promise<T>,
): Promise<T> {
  const fresh = async (): Promise<BuildPage> => {
    const page = await newBoundedPage(ctx);
    return { page, guard: await guardPage(page, opts.allowedDirs, ctx.browserTimeoutMs) };
  };
  const first = opts.page ?? (await fresh());
  let left = false;
  try {
    return await job(first);
  } catch (e) {
    if (!timedOut(e) || opts.signal?.aborted || !first.page.browser().connected) throw e;
    left = true; // (closed, not waited for: a stuck page may take as long to close)
    void first.page.close().catch(() => undefined);
    ctx.log(`${opts.label}: ${(e as Error).message.split('\n')[0]}; again on a new page`);
    const second = await fresh();
    try {
      return await job(second);
    } finally {
      await second.page.close().catch(() => undefined);
    }
  } finally {
    if (!opts.page && !left) await first.page.close().catch(() => undefined);
  }
}
