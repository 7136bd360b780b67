import path from 'node:path';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'puppeteer';
import { serve, type Server } from '../../scripts/serve.js';
import { cli, closeTestBrowser, repo, reportCopy, testBrowser } from '../helpers.js';

/**
 * The HTML editions as a web publication: the real report built once, served from localhost, and opened in
 * Chromium per edition — errors, requests and bytes, small screens, the language switch, accessibility basics,
 * sharing metadata, and screenshots of the first screen (tests/.artifacts/web-<lang>-<phone|desktop>.png).
 * Nothing here is timed: every wait is for a state (load, fonts ready, network idle), with generous limits.
 */

const MAX_BYTES = 2 * 1024 * 1024;
const BASE_URL = 'https://example.org/report/';
const artifacts = path.join(repo, 'tests', '.artifacts');
/** A section in chapter 2 ("二、深港科创合作历程与主要进展"), deep enough that landing on it needs a scroll. */
const SECTION = 'coop-qianhai';
const langs = ['zh', 'en'] as const;
type Lang = (typeof langs)[number];
const htmlLang: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };
const other: Record<Lang, Lang> = { zh: 'en', en: 'zh' };
const wait = { timeout: 180_000 };

let root: string;
let server: Server;
let context: BrowserContext;

beforeAll(async () => {
  root = reportCopy('real');
  // Canonical and hreflang links need the address the report is published at.
  const config = path.join(root, 'report.yaml');
  const yaml = readFileSync(config, 'utf8');
  writeFileSync(config, /^baseUrl:/m.test(yaml) ? yaml.replace(/^baseUrl:.*$/m, `baseUrl: ${BASE_URL}`) : `${yaml.trimEnd()}\nbaseUrl: ${BASE_URL}\n`);
  const r = await cli(['build', '--root', root, '--format', 'html', '--quiet']);
  if (r.code !== 0) throw new Error(`build failed:\n${r.stderr}`);
  server = await serve(path.join(root, 'dist'));
  // Its own context: a cache of its own, shared with no other test file.
  context = await (await testBrowser()).createBrowserContext();
  mkdirSync(artifacts, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await closeTestBrowser();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Helpers run inside the page (a string, so nothing of the test's transpilation leaks into it). */
const inPage = String.raw`
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

interface Load {
  page: Page;
  consoleErrors: string[];
  failed: string[];
  foreign: string[];
  requests: string[];
  bytes: number;
  byType: Record<string, number>;
}

/** Open an edition (or any URL) from the server and record everything it does, until fonts are ready and the page, scrolled to the bottom, is quiet. */
async function open(url: string, viewport: { width: number; height: number }, opts: { scroll?: boolean; screenshot?: string } = {}): Promise<Load> {
  const page = await context.newPage();
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
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForNetworkIdle({ idleTime: 500, timeout: wait.timeout });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

const editionUrl = (lang: Lang, hash = '') => `${server.url}${lang}/index.html${hash}`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;

describe.each(langs)('the %s edition on the web', (lang) => {
  let desktop: Load;
  beforeAll(async () => {
    desktop = await open(editionUrl(lang), { width: 1280, height: 800 }, { scroll: true, screenshot: path.join(artifacts, `web-${lang}-desktop.png`) });
  });
  afterAll(async () => {
    await desktop?.page.close();
  });

  it('loads without a console error', () => {
    expect(desktop.consoleErrors).toEqual([]);
  });

  it('requests nothing that fails and nothing outside localhost', () => {
    expect(desktop.requests.length).toBeGreaterThan(3);
    expect(desktop.failed).toEqual([]);
    expect(desktop.foreign).toEqual([]);
  });

  it('transfers at most 2 MB, fonts and all, scrolled to the end', () => {
    console.log(`[web] ${lang}: ${desktop.bytes} bytes (${mb(desktop.bytes)}) in ${desktop.requests.length} requests; by type: ${JSON.stringify(desktop.byType)}`);
    expect(desktop.bytes, `${lang} transfers ${mb(desktop.bytes)}`).toBeLessThanOrEqual(MAX_BYTES);
  });

  it.each([390, 360])('does not scroll sideways at %i px', async (width) => {
    const phone = await open(editionUrl(lang), { width, height: 844 }, { scroll: false, screenshot: width === 390 ? path.join(artifacts, `web-${lang}-phone.png`) : undefined });
    try {
      // With the contents menu open too: its entries must wrap, not overflow.
      for (const menuOpen of [false, true]) {
        await phone.page.evaluate((o) => {
          const d = document.querySelector('details.toc-menu') as HTMLDetailsElement | null;
          if (d) d.open = o;
        }, menuOpen);
        const r = await phone.page.evaluate(() => {
          const w = window.innerWidth;
          const wide = [...document.querySelectorAll('body *')]
            .filter((e) => !e.closest('.table-scroll, .chart, .skip-link') && e.getBoundingClientRect().right > w + 0.5)
            .slice(0, 5)
            .map((e) => `${e.tagName.toLowerCase()}.${(e.getAttribute('class') ?? '').replace(/ /g, '.')} right=${Math.round(e.getBoundingClientRect().right)}`);
          return { scrollWidth: document.documentElement.scrollWidth, innerWidth: w, wide };
        });
        expect(r.scrollWidth, `menu ${menuOpen ? 'open' : 'closed'}: ${r.wide.join('; ')}`).toBeLessThanOrEqual(r.innerWidth);
        expect(r.wide, `menu ${menuOpen ? 'open' : 'closed'}`).toEqual([]);
      }
      expect(phone.consoleErrors).toEqual([]);
    } finally {
      await phone.page.close();
    }
  });

  it('switches language to the same section', async () => {
    const { page } = await open(editionUrl(lang, `#${SECTION}`), { width: 1280, height: 800 });
    try {
      const before = await page.$eval(`#${SECTION}`, (e) => e.getBoundingClientRect().top);
      expect(before, 'the section is scrolled to before switching').toBeLessThan(200);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('a.lang-switch')]);
      await settle(page);
      const to = other[lang];
      expect(page.url()).toBe(editionUrl(to, `#${SECTION}`));
      const landed = await page.evaluate((id) => {
        const e = document.getElementById(id);
        return e ? { top: e.getBoundingClientRect().top, innerHeight: window.innerHeight, lang: document.documentElement.lang } : null;
      }, SECTION);
      expect(landed).not.toBeNull();
      expect(landed!.lang).toBe(htmlLang[to]);
      expect(landed!.top).toBeGreaterThanOrEqual(0);
      expect(landed!.top).toBeLessThan(landed!.innerHeight / 2);
    } finally {
      await page.close();
    }
  });

  it('sets the language, one h1, and headings that never skip a level', async () => {
    const r = await desktop.page.evaluate(() => ({
      lang: document.documentElement.lang,
      h1: document.querySelectorAll('h1').length,
      levels: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({ level: Number(h.tagName[1]), text: (h.textContent ?? '').slice(0, 40) })),
    }));
    expect(r.lang).toBe(htmlLang[lang]);
    expect(r.h1).toBe(1);
    expect(r.levels[0]!.level).toBe(1);
    const skips = r.levels.filter((h, i) => i > 0 && h.level > r.levels[i - 1]!.level + 1).map((h) => `h${h.level} "${h.text}"`);
    expect(skips).toEqual([]);
  });

  it('gives every chart a text alternative and a link to its data', async () => {
    const figs = await desktop.page.evaluate(() =>
      [...document.querySelectorAll('figure')].filter((f) => f.querySelector('svg')).map((f) => {
        const img = f.querySelector('[role="img"]');
        const text = (ids: string | null | undefined) => (ids ?? '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
        const name = (img?.getAttribute('aria-label') ?? '').trim() || text(img?.getAttribute('aria-labelledby'));
        const description = text(img?.getAttribute('aria-describedby'));
        const svg = f.querySelector('svg')!;
        return {
          id: f.id,
          caption: (f.querySelector('figcaption')?.textContent ?? '').trim(),
          name,
          description,
          svgInsideImg: !!img && img.contains(svg),
          svgExposed: !(img && img.contains(svg)) && svg.getAttribute('aria-hidden') !== 'true' && !svg.getAttribute('role'),
          data: [...f.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!).filter((h) => /^data\/[^/]+\.csv$/.test(h)),
        };
      }),
    );
    // Every figure that is not a marked placeholder is a chart.
    const charts = await desktop.page.$$eval('figure.figure:not(.figure-pending)', (els) => els.length);
    expect(figs.length).toBeGreaterThan(0);
    expect(figs).toHaveLength(charts);
    for (const f of figs) {
      expect(f.svgInsideImg, f.id).toBe(true);
      expect(f.svgExposed, f.id).toBe(false);
      // A name and a one-sentence description beyond the caption.
      const alt = `${f.name} ${f.description}`.trim();
      expect(f.name.length, f.id).toBeGreaterThan(4);
      expect(alt.length, `${f.id}: "${alt}"`).toBeGreaterThan(f.caption.replace(/^\S+\s*\d+\s*[:：]\s*/, '').length + 10);
      expect(f.data, f.id).toHaveLength(1);
      const res = await desktop.page.evaluate(async (href) => {
        const r = await fetch(href);
        return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
      }, f.data[0]!);
      expect(res.status, f.data[0]).toBe(200);
      expect(res.type).toContain('text/csv');
      expect(res.text.split('\n').filter(Boolean).length, f.data[0]).toBeGreaterThan(1);
    }
  });

  it('shows where the keyboard focus is, on every link and control', async () => {
    const { page } = desktop;
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      (document.activeElement as HTMLElement | null)?.blur();
    });
    const seen: string[] = [];
    const invisible: string[] = [];
    const focusables = await page.evaluate(
      () => [...document.querySelectorAll('a[href], button, summary, [tabindex]:not([tabindex="-1"]), input, select, textarea')].filter((e) => e.getClientRects().length > 0).length,
    );
    for (let i = 0; i < focusables + 5; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        if (!e || e === document.body) return null;
        const s = getComputedStyle(e);
        const r = e.getBoundingClientRect();
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        const ring = s.boxShadow !== 'none';
        const key = `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).replace(/ /g, '.') : ''}[${e.getAttribute('href') ?? ''}]#${[...document.querySelectorAll('*')].indexOf(e)}`;
        const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
        const shown = (window as unknown as { __web: { visible: (e: Element) => boolean } }).__web.visible(e);
        return { key, visibleFocus: (outline || ring) && onScreen && shown };
      });
      if (!f) break; // past the last one
      if (seen.includes(f.key)) break;
      seen.push(f.key);
      if (!f.visibleFocus) invisible.push(f.key);
    }
    console.log(`[web] ${lang}: tabbed through ${seen.length} of ${focusables} focusable elements`);
    expect(seen.length).toBeGreaterThan(20);
    expect(invisible).toEqual([]);
  });

  it('has text in colours that pass WCAG AA against their background', async () => {
    const { page } = desktop;
    const samples: Record<string, string> = {
      'body text': '.chapter > p',
      h1: 'h1',
      h2: '.chapter h2',
      h3: '.chapter h3',
      h4: '.chapter h4',
      'heading anchor': '.chapter h2 .anchor',
      'note reference': '.note-ref a',
      'link in a note': '.notes a[href^="http"]',
      notes: '.notes li p',
      'notes title': '.notes-title',
      caption: 'figcaption',
      'figure label': '.figure-label',
      'figure unit': '.figure-unit',
      'figure source': '.figure-source',
      'figure data link': '.figure-data a',
      'pending figure title': '.pending strong',
      'pending figure text': '.pending span',
      'table header': 'thead th',
      'table cell': 'tbody td',
      'table note': '.table-note',
      byline: '.byline p',
      'contents (sidebar)': '.toc-nav .toc-top a',
      'contents (sidebar, sub)': '.toc-nav .toc-sub a',
      'header title': '.site-title',
      'header language switch': '.site-header a.lang-switch',
      'header PDF link': '.site-header a.pdf-link',
      'cover institution': '.cover-institution',
      'cover subtitle': '.cover-subtitle',
      'cover byline': '.cover-byline p',
      'cover note': '.cover-note',
    };
    const found: Record<string, { ratio: number; need: number; color: string; size: number } | null> = {};
    for (const [what, sel] of Object.entries(samples)) {
      // The "#" after a heading shows on hover.
      if (what === 'heading anchor') await page.hover('.chapter h2');
      found[what] = await page.evaluate((s) => {
        const w = (window as unknown as { __web: { visible: (e: Element) => boolean; contrast: (e: Element) => { ratio: number; need: number; color: string; size: number } } }).__web;
        const els = [...document.querySelectorAll(s)].filter((e) => w.visible(e)).slice(0, 8);
        if (!els.length) return null;
        // the worst of the first few
        return els.map((e) => w.contrast(e)).sort((a, b) => a.ratio / a.need - b.ratio / b.need)[0]!;
      }, sel);
    }
    // SVG text is coloured by fill, not color: recompute for chart labels against the chart's background.
    found['chart label'] = await page.evaluate(() => {
      const w = (window as unknown as { __web: { ratio: (a: unknown, b: unknown) => number; parse: (c: string) => unknown; backgrounds: (e: Element) => unknown[]; visible: (e: Element) => boolean } }).__web;
      const texts = [...document.querySelectorAll('.chart svg text')].filter((t) => w.visible(t));
      if (!texts.length) return null;
      const results = texts.map((t) => {
        const s = getComputedStyle(t);
        const bg = w.backgrounds(t.closest('.chart')!)[0];
        const size = parseFloat(s.fontSize) * (t.closest('svg')!.getBoundingClientRect().width / Number(t.closest('svg')!.getAttribute('width') ?? 1));
        const large = size >= 24 || (Number(s.fontWeight) >= 700 && size >= 18.66);
        return { ratio: Math.round(w.ratio(w.parse(s.fill), bg) * 100) / 100, need: large ? 3 : 4.5, color: s.fill, size };
      });
      return results.sort((a, b) => a.ratio / a.need - b.ratio / b.need)[0]!;
    });
    const table = Object.entries(found).map(([what, r]) => (r ? `${what}: ${r.ratio} (needs ${r.need}; ${r.color}, ${r.size.toFixed(1)}px)` : `${what}: not on the page`));
    console.log(`[web] ${lang} contrast:\n  ${table.join('\n  ')}`);
    writeFileSync(path.join(artifacts, `web-${lang}-contrast.json`), JSON.stringify(found, null, 2));
    for (const what of ['body text', 'h1', 'h2', 'h3', 'note reference', 'caption', 'figure source', 'contents (sidebar)', 'header title', 'header language switch']) {
      expect(found[what], `${what} (${samples[what]}) is on the page`).not.toBeNull();
    }
    const failing = Object.entries(found).filter(([, r]) => r && r.ratio < r.need).map(([what, r]) => `${what}: ${r!.ratio} < ${r!.need}`);
    expect(failing).toEqual([]);
  });

  it('has what a link preview and a search engine need', async () => {
    const r = await desktop.page.evaluate(() => {
      const meta = (sel: string) => document.querySelector(sel)?.getAttribute('content') ?? null;
      return {
        title: document.title,
        description: meta('meta[name="description"]'),
        ogTitle: meta('meta[property="og:title"]'),
        ogDescription: meta('meta[property="og:description"]'),
        ogType: meta('meta[property="og:type"]'),
        ogLocale: meta('meta[property="og:locale"]'),
        ogLocaleAlternate: [...document.querySelectorAll('meta[property="og:locale:alternate"]')].map((m) => m.getAttribute('content')),
        ogUrl: meta('meta[property="og:url"]'),
        canonical: [...document.querySelectorAll('link[rel="canonical"]')].map((l) => l.getAttribute('href')),
        alternates: Object.fromEntries([...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')])),
      };
    });
    const config = readFileSync(path.join(root, 'report.yaml'), 'utf8');
    const title = lang === 'zh' ? '深港科创合作' : 'Shenzhen–Hong Kong Science and Technology Cooperation';
    expect(r.title).toContain(title);
    expect(config).toContain(r.title.replace(/"/g, ''));
    for (const [what, v] of Object.entries({ description: r.description, ogDescription: r.ogDescription })) {
      expect(v, what).toBeTruthy();
      expect(v!.length, what).toBeGreaterThan(50);
    }
    expect(r.ogTitle).toBe(r.title);
    expect(r.ogDescription).toBe(r.description);
    expect(r.ogType).toBe('article');
    // Open Graph locales are language_TERRITORY.
    expect(r.ogLocale).toBe(lang === 'zh' ? 'zh_CN' : 'en_GB');
    expect(r.ogLocaleAlternate).toEqual([lang === 'zh' ? 'en_GB' : 'zh_CN']);
    expect(r.canonical).toEqual([`${BASE_URL}${lang}/`]);
    expect(r.ogUrl).toBe(`${BASE_URL}${lang}/`);
    expect(r.alternates).toEqual({ 'zh-CN': `${BASE_URL}zh/`, en: `${BASE_URL}en/`, 'x-default': BASE_URL });
  });

  it('opens a note beside its reference, keeping the place, and closes it with Escape', async () => {
    const page = await context.newPage();
    try {
      await page.setViewport({ width: 390, height: 844 });
      await page.goto(editionUrl(lang), { waitUntil: 'load', timeout: wait.timeout });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const ref = (await page.$('.note-ref a'))!;
      await ref.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      const before = await page.evaluate(() => window.scrollY);
      await ref.click();
      await page.waitForSelector('.note-pop', wait);
      const shown = await page.evaluate(() => {
        const pop = document.querySelector<HTMLElement>('.note-pop')!;
        const ref = document.querySelector('.note-ref a')!;
        const note = document.getElementById(ref.getAttribute('href')!.slice(1))!;
        const box = pop.getBoundingClientRect();
        return {
          hash: location.hash,
          scrollY: window.scrollY,
          label: pop.getAttribute('aria-label'),
          text: pop.textContent ?? '',
          noteText: (note.textContent ?? '').replace('↑', '').trim(),
          inView: box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth,
          focused: document.activeElement === pop,
        };
      });
      expect(shown.hash, 'the page did not jump to the note').toBe('');
      expect(shown.scrollY).toBe(before);
      expect(shown.label).toMatch(/\d$/);
      expect(shown.text).toContain(shown.noteText.slice(0, 20));
      expect(shown.inView).toBe(true);
      expect(shown.focused).toBe(true);
      await page.keyboard.press('Escape');
      const after = await page.evaluate(() => ({ open: !!document.querySelector('.note-pop'), focus: document.activeElement?.closest('.note-ref') !== null }));
      expect(after).toEqual({ open: false, focus: true });
    } finally {
      await page.close();
    }
  });

  it('works opened from a file', async () => {
    const page = await context.newPage();
    try {
      const errors: string[] = [];
      const failed: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
      await page.goto(pathToFileURL(path.join(root, 'dist', lang, 'index.html')).href, { waitUntil: 'load', timeout: wait.timeout });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const r = await page.evaluate(() => ({
        sheets: [...document.styleSheets].map((s) => s.href ?? '').filter(Boolean).map((h) => h.replace(/^.*\/assets\//, 'assets/')),
        loadedFonts: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')),
        fontsCssRules: [...document.styleSheets].some((s) => (s.href ?? '').endsWith('assets/fonts.css') && s.ownerNode instanceof HTMLLinkElement && !s.disabled),
      }));
      expect(errors).toEqual([]);
      expect(failed).toEqual([]);
      expect(r.sheets).toEqual(expect.arrayContaining(['assets/fonts.css', 'assets/report.css']));
      expect(r.fontsCssRules).toBe(true);
      expect(r.loadedFonts.length, 'bundled fonts load from the file system').toBeGreaterThan(0);
      expect(r.loadedFonts).toEqual(expect.arrayContaining([lang === 'zh' ? 'Noto Serif SC' : 'Source Serif 4']));
    } finally {
      await page.close();
    }
  });
});
