import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, artifacts, editionUrl, langs, open, useServedReport, wait, web, type Load } from './web-harness.js';

/**
 * The HTML editions, accessible and shareable: chart alternatives and marks, keyboard focus, contrast, link previews,
 * notes beside their reference (contrast findings go to tests/.artifacts/web-<lang>-contrast.json).
 */
useServedReport();

describe.each(langs)('the %s edition, accessible and shareable', (lang) => {
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

  it('gives every chart a text alternative, marks that say their values, and a link to its data', async () => {
    const figs = await desktop.page.evaluate(() =>
      [...document.querySelectorAll('figure')]
        .filter((f) => f.querySelector('svg'))
        .map((f) => {
          const group = f.querySelector('.chart[role="figure"]');
          const text = (ids: string | null | undefined) =>
            (ids ?? '')
              .split(/\s+/)
              .filter(Boolean)
              .map((id) => document.getElementById(id)?.textContent ?? '')
              .join(' ')
              .trim();
          const svg = [...f.querySelectorAll('.chart svg')].find((s) => s.getClientRects().length > 0)!;
          const labelled = [...svg.querySelectorAll('[aria-label]')];
          const marks = labelled.filter((m) => m.getAttribute('role') === 'graphics-symbol' && m.tagName !== 'g');
          return {
            id: f.id,
            caption: (f.querySelector('figcaption')?.textContent ?? '').trim(),
            name: (group?.getAttribute('aria-label') ?? '').trim(),
            svgInGroup: !!group && group.contains(svg),
            // Only the marks speak: axes, legends and Vega's mark containers (described in English) are hidden.
            others: labelled.length - marks.length + svg.querySelectorAll('[role="graphics-object"]').length,
            marks: marks.length,
            roles: [...new Set(marks.map((m) => m.getAttribute('aria-roledescription')))],
            described: marks.every(
              (m) =>
                text(m.getAttribute('aria-describedby')) ===
                (f.querySelector('.figure-source')?.textContent ?? '').trim(),
            ),
            tabStops: marks.filter((m) => m.getAttribute('tabindex') === '0').length,
            data: [...f.querySelectorAll('a[href]')]
              .map((a) => a.getAttribute('href')!)
              .filter((h) => /^data\/[^/]+\.csv$/.test(h)),
          };
        }),
    );
    // Every figure that is not a marked placeholder is a chart.
    const charts = await desktop.page.$$eval('figure.figure:not(.figure-pending)', (els) => els.length);
    expect(figs.length).toBeGreaterThan(0);
    expect(figs).toHaveLength(charts);
    for (const f of figs) {
      expect(f.svgInGroup, f.id).toBe(true);
      // A name and a one-sentence description beyond the caption.
      expect(f.name.length, `${f.id}: "${f.name}"`).toBeGreaterThan(
        f.caption.replace(/^\S+\s*\d+\s*[:：]\s*/, '').length + 10,
      );
      expect(f.others, f.id).toBe(0);
      expect(f.marks, f.id).toBeGreaterThan(2);
      expect(f.roles, f.id).toEqual([lang === 'zh' ? '数据点' : 'data point']);
      expect(f.described, `${f.id}: each mark is described by the figure's source`).toBe(true);
      expect(f.tabStops, `${f.id}: one tab stop, the arrow keys go on`).toBe(1);
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
      () =>
        [
          ...document.querySelectorAll(
            'a[href], button, summary, [tabindex]:not([tabindex="-1"]), input, select, textarea',
          ),
        ].filter((e) => e.checkVisibility()).length,
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
        const onScreen =
          r.width > 0 &&
          r.height > 0 &&
          r.bottom > 0 &&
          r.top < window.innerHeight &&
          r.right > 0 &&
          r.left < window.innerWidth;
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
      // (in the figure's share menu, opened below: closed, it shows nothing)
      'figure data link': '.share-links a[href^="data/"][href$=".csv"]',
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
      // The "#" after a heading shows on hover; a figure's links, with its share menu open.
      if (what === 'heading anchor') await page.hover('.chapter h2');
      const menu = what === 'figure data link';
      if (menu)
        await page.evaluate(
          (s, open) =>
            document.querySelector(s)?.closest<HTMLDetailsElement>('details.share')?.toggleAttribute('open', open),
          sel,
          true,
        );
      found[what] = await page.evaluate((s) => {
        const w = (
          window as unknown as {
            __web: {
              visible: (e: Element) => boolean;
              contrast: (e: Element) => { ratio: number; need: number; color: string; size: number };
            };
          }
        ).__web;
        const els = [...document.querySelectorAll(s)].filter((e) => w.visible(e)).slice(0, 8);
        if (!els.length) return null;
        // the worst of the first few
        return els.map((e) => w.contrast(e)).sort((a, b) => a.ratio / a.need - b.ratio / b.need)[0]!;
      }, sel);
      if (menu)
        await page.evaluate(
          (s, open) =>
            document.querySelector(s)?.closest<HTMLDetailsElement>('details.share')?.toggleAttribute('open', open),
          sel,
          false,
        );
    }
    // SVG text is coloured by fill, not color: recompute for chart labels against the chart's background.
    found['chart label'] = await page.evaluate(() => {
      const w = (
        window as unknown as {
          __web: {
            ratio: (a: unknown, b: unknown) => number;
            parse: (c: string) => unknown;
            backgrounds: (e: Element) => unknown[];
            visible: (e: Element) => boolean;
          };
        }
      ).__web;
      const texts = [...document.querySelectorAll('.chart svg text')].filter((t) => w.visible(t));
      if (!texts.length) return null;
      const results = texts.map((t) => {
        const s = getComputedStyle(t);
        const bg = w.backgrounds(t.closest('.chart')!)[0];
        const size =
          parseFloat(s.fontSize) *
          (t.closest('svg')!.getBoundingClientRect().width / Number(t.closest('svg')!.getAttribute('width') ?? 1));
        const large = size >= 24 || (Number(s.fontWeight) >= 700 && size >= 18.66);
        return {
          ratio: Math.round(w.ratio(w.parse(s.fill), bg) * 100) / 100,
          need: large ? 3 : 4.5,
          color: s.fill,
          size,
        };
      });
      return results.sort((a, b) => a.ratio / a.need - b.ratio / b.need)[0]!;
    });
    const table = Object.entries(found).map(([what, r]) =>
      r ? `${what}: ${r.ratio} (needs ${r.need}; ${r.color}, ${r.size.toFixed(1)}px)` : `${what}: not on the page`,
    );
    console.log(`[web] ${lang} contrast:\n  ${table.join('\n  ')}`);
    writeFileSync(path.join(artifacts, `web-${lang}-contrast.json`), JSON.stringify(found, null, 2));
    for (const what of [
      'body text',
      'h1',
      'h2',
      'h3',
      'note reference',
      'caption',
      'figure source',
      'contents (sidebar)',
      'header title',
      'header language switch',
    ]) {
      expect(found[what], `${what} (${samples[what]}) is on the page`).not.toBeNull();
    }
    // Every sample is measured: a selector that matches nothing visible is a finding, not a pass.
    const missing = Object.entries(found)
      .filter(([, r]) => !r)
      .map(([what]) => `${what} (${samples[what] ?? '.chart svg text'})`);
    expect(missing, 'samples not on the page').toEqual([]);
    const failing = Object.entries(found)
      .filter(([, r]) => !r || r.ratio < r.need)
      .map(([what, r]) => (r ? `${what}: ${r.ratio} < ${r.need}` : `${what}: not on the page`));
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
        ogLocaleAlternate: [...document.querySelectorAll('meta[property="og:locale:alternate"]')].map((m) =>
          m.getAttribute('content'),
        ),
        ogUrl: meta('meta[property="og:url"]'),
        canonical: [...document.querySelectorAll('link[rel="canonical"]')].map((l) => l.getAttribute('href')),
        alternates: Object.fromEntries(
          [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [
            l.getAttribute('hreflang'),
            l.getAttribute('href'),
          ]),
        ),
      };
    });
    const config = readFileSync(path.join(web.root, 'report.yaml'), 'utf8');
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
    const page = await web.context.newPage();
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
      const after = await page.evaluate(() => ({
        open: !!document.querySelector('.note-pop'),
        focus: document.activeElement?.closest('.note-ref') !== null,
      }));
      expect(after).toEqual({ open: false, focus: true });
    } finally {
      await page.close();
    }
  });
});
