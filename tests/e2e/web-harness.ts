import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { BrowserContext, Page } from 'puppeteer-core';
import { closeTestBrowser, repo, testBrowser } from '../helpers.js';
import { BASE_URL, sharedReport } from '../shared-reports.js';

/**
 * What the web tests share: the real report built once per run and served from localhost by one server for
 * every web test file (tests/shared-reports-setup.ts), opened in Chromium with everything it does recorded. Nothing
 * here is timed: every wait is for a state (load, fonts ready, network idle), with generous limits.
 */

/** What one edition may transfer, fonts and all (issue 18: under 1 MB). */
export const MAX_BYTES = 1024 * 1024;
export { BASE_URL };
export const artifacts = path.join(repo, 'tests', '.artifacts');
/** A section in chapter 2 ("二、深港科创合作历程与主要进展"), deep enough that landing on it needs a scroll. */
export const SECTION = 'coop-qianhai';
export const langs = ['zh', 'en'] as const;
export type Lang = (typeof langs)[number];
export const htmlLang: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };
export const other: Record<Lang, Lang> = { zh: 'en', en: 'zh' };
export const wait = { timeout: 180_000 };

/**
 * The report as served (its copy, with the baseUrl, at `root`; dist/ below it at `server.url`), with a browser
 * context of the test file's own. The copy and the server are the run's: a test file reads them, never changes them.
 */
export const web = {} as { root: string; server: { url: string }; context: BrowserContext };

/** Register the shared report and a browser context around a test file (call at its top level). */
export function useServedReport(): void {
  beforeAll(async () => {
    const shared = await sharedReport('web');
    web.root = shared.root;
    web.server = { url: shared.url };
    // Its own context: a cache of its own, shared with no other test file.
    web.context = await (await testBrowser()).createBrowserContext();
    mkdirSync(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await web.context?.close();
    await closeTestBrowser();
  });
}

/** Helpers run inside the page (a string, so nothing of the test's transpilation leaks into it). */
export const inPage = String.raw`
window.__web = (() => {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, under) => {
    const a = top.a + under.a * (1 - top.a);
    if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
    const mix = (k) => (top[k] * top.a + under[k] * under.a * (1 - top.a)) / a;
    return { r: mix('r'), g: mix('g'), b: mix('b'), a };
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  /** The backgrounds behind an element: its own and its ancestors' colours composited over white; a gradient gives each of its colours. */
  const backgrounds = (el) => {
    const layers = [];
    let gradient = null;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (!gradient && s.backgroundImage && s.backgroundImage !== 'none') gradient = (s.backgroundImage.match(/rgba?\([^)]+\)/g) || []).map(parse);
      const c = parse(s.backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
      if (gradient) break;
    }
    let base = { r: 255, g: 255, b: 255, a: 1 };
    const bases = gradient && gradient.length ? gradient.map((g) => over(g, base)) : [base];
    return bases.map((b) => layers.reduceRight((acc, l) => over(l, acc), b));
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) === 0) return false;
    }
    return true;
  };
  const contrast = (el) => {
    const s = getComputedStyle(el);
    const size = parseFloat(s.fontSize);
    const bold = Number(s.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    const worst = Math.min(...backgrounds(el).map((bg) => ratio(over(parse(s.color), bg), bg)));
    return { ratio: Math.round(worst * 100) / 100, large, need: large ? 3 : 4.5, color: s.color, size };
  };
  return { contrast, visible, ratio, parse, backgrounds };
})();
`;

export interface Load {
  page: Page;
  consoleErrors: string[];
  failed: string[];
  foreign: string[];
  requests: string[];
  bytes: number;
  byType: Record<string, number>;
}

/** Open an edition (or any URL) from the server and record everything it does, until fonts are ready and the page, scrolled to the bottom, is quiet. */
export async function open(
  url: string,
  viewport: { width: number; height: number },
  opts: { scroll?: boolean; screenshot?: string } = {},
): Promise<Load> {
  const page = await web.context.newPage();
  page.setDefaultTimeout(wait.timeout);
  page.setDefaultNavigationTimeout(wait.timeout);
  await page.setViewport({ ...viewport, deviceScaleFactor: 1 });
  await page.setCacheEnabled(false);
  const rec: Load = { page, consoleErrors: [], failed: [], foreign: [], requests: [], bytes: 0, byType: {} };
  page.on('console', (m) => {
    if (m.type() === 'error') rec.consoleErrors.push(`${m.text()} (${m.location()?.url ?? ''})`);
  });
  page.on('pageerror', (e) => rec.consoleErrors.push(`uncaught: ${(e as Error).message ?? e}`));
  page.on('request', (r) => {
    const u = r.url();
    rec.requests.push(u);
    if (!u.startsWith('data:') && !/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(u)) rec.foreign.push(u);
  });
  page.on('requestfailed', (r) => rec.failed.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`));
  page.on('response', (r) => {
    if (r.status() >= 400) rec.failed.push(`${r.url()}: HTTP ${r.status()}`);
  });
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  const types = new Map<string, string>();
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    rec.bytes += e.encodedDataLength;
    const t = types.get(e.requestId) ?? 'Other';
    rec.byType[t] = (rec.byType[t] ?? 0) + e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'load' });
  await settle(page);
  if (opts.screenshot) await page.screenshot({ path: opts.screenshot });
  if (opts.scroll) {
    await page.evaluate(async () => {
      for (let y = 0; y < document.documentElement.scrollHeight; y += Math.max(200, window.innerHeight - 100)) {
        window.scrollTo(0, y);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      }
      window.scrollTo(0, document.documentElement.scrollHeight);
    });
    await settle(page);
  }
  await page.evaluate(inPage);
  return rec;
}

/** Fonts ready, the network quiet, two frames painted. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForNetworkIdle({ idleTime: 500, timeout: wait.timeout });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export const editionUrl = (lang: Lang, hash = '') => `${web.server.url}${lang}/index.html${hash}`;
export const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
