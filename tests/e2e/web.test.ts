import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_BYTES,
  SECTION,
  artifacts,
  editionUrl,
  htmlLang,
  langs,
  mb,
  open,
  other,
  settle,
  useServedReport,
  wait,
  web,
  type Load,
} from './web-harness.js';

/**
 * The HTML editions as a web publication: the real report built once, served from localhost, and opened in
 * Chromium per edition — errors, requests and bytes, small screens, the language switch, headings, and
 * screenshots of the first screen (tests/.artifacts/web-<lang>-<phone|desktop>.png).
 */
useServedReport();

describe.each(langs)('the %s edition on the web', (lang) => {
  let desktop: Load;
  beforeAll(async () => {
    desktop = await open(
      editionUrl(lang),
      { width: 1280, height: 800 },
      { scroll: true, screenshot: path.join(artifacts, `web-${lang}-desktop.png`) },
    );
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

  it('transfers under 1 MB, fonts and all, scrolled to the end', () => {
    console.log(
      `[web] ${lang}: ${desktop.bytes} bytes (${mb(desktop.bytes)}) in ${desktop.requests.length} requests; by type: ${JSON.stringify(desktop.byType)}`,
    );
    expect(desktop.bytes, `${lang} transfers ${mb(desktop.bytes)}`).toBeLessThan(MAX_BYTES);
  });

  it.each([390, 360])('does not scroll sideways at %i px', async (width) => {
    const phone = await open(
      editionUrl(lang),
      { width, height: 844 },
      { scroll: false, screenshot: width === 390 ? path.join(artifacts, `web-${lang}-phone.png`) : undefined },
    );
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
            .map(
              (e) =>
                `${e.tagName.toLowerCase()}.${(e.getAttribute('class') ?? '').replace(/ /g, '.')} right=${Math.round(e.getBoundingClientRect().right)}`,
            );
          return { scrollWidth: document.documentElement.scrollWidth, innerWidth: w, wide };
        });
        expect(r.scrollWidth, `menu ${menuOpen ? 'open' : 'closed'}: ${r.wide.join('; ')}`).toBeLessThanOrEqual(
          r.innerWidth,
        );
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
        return e
          ? { top: e.getBoundingClientRect().top, innerHeight: window.innerHeight, lang: document.documentElement.lang }
          : null;
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
      levels: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({
        level: Number(h.tagName[1]),
        text: (h.textContent ?? '').slice(0, 40),
      })),
    }));
    expect(r.lang).toBe(htmlLang[lang]);
    expect(r.h1).toBe(1);
    expect(r.levels[0]!.level).toBe(1);
    const skips = r.levels
      .filter((h, i) => i > 0 && h.level > r.levels[i - 1]!.level + 1)
      .map((h) => `h${h.level} "${h.text}"`);
    expect(skips).toEqual([]);
  });

  it('works opened from a file', async () => {
    const page = await web.context.newPage();
    try {
      const errors: string[] = [];
      const failed: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
      await page.goto(pathToFileURL(path.join(web.root, 'dist', lang, 'index.html')).href, {
        waitUntil: 'load',
        timeout: wait.timeout,
      });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const r = await page.evaluate(() => ({
        sheets: [...document.styleSheets]
          .map((s) => s.href ?? '')
          .filter(Boolean)
          .map((h) => h.replace(/^.*\/assets\//, 'assets/')),
        loadedFonts: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')),
        fontsCssRules: [...document.styleSheets].some(
          (s) => (s.href ?? '').endsWith('assets/fonts.css') && s.ownerNode instanceof HTMLLinkElement && !s.disabled,
        ),
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
