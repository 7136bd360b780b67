import path from 'node:path';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Page } from 'puppeteer-core';
import { parseCsv } from '../../scripts/sources/csv.js';
import { formatValue, type Unit } from '../../scripts/locale/units.js';
import {
  BASE_URL,
  MAX_BYTES,
  artifacts,
  editionUrl,
  langs,
  mb,
  open,
  settle,
  useServedReport,
  web,
  type Lang,
  type Load,
} from './web-harness.js';

/**
 * Charts on the web: readable on a phone, values on tap, hover and keyboard focus, and the share menu of
 * figures and tables (permalink, copy link, downloads, citation). Values are checked against the dataset
 * through the formatter that {{num}} uses. Screenshots: tests/.artifacts/chart-<lang>-phone.png.
 */
useServedReport();

/** A dataset's rows (CSV cells by column) and meta, read from the report as built. */
function dataset(id: string): {
  rows: Record<string, string>[];
  meta: { unit?: Unit; labels?: Record<string, Record<string, Record<Lang, string>>> };
} {
  const { table } = parseCsv(readFileSync(path.join(web.root, 'data', `${id}.csv`), 'utf8'));
  const rows = table.rows.map((r) => Object.fromEntries(table.header.map((h, i) => [h.text, r[i]?.text ?? ''])));
  return { rows, meta: parseYaml(readFileSync(path.join(web.root, 'data', `${id}.meta.yaml`), 'utf8')) };
}

/** The centre of the visible mark of figure `fig` whose aria-label has every one of `words`, and that label. */
async function markAt(page: Page, fig: string, words: string[]): Promise<{ x: number; y: number; label: string }> {
  const found = await page.evaluate(
    (id, w) => {
      const svg = [...document.querySelectorAll(`#${id} .chart svg`)].find((s) => s.getClientRects().length > 0)!;
      const mark = [...svg.querySelectorAll('[role="graphics-symbol"][aria-label]')].find((m) =>
        w.every((x) => m.getAttribute('aria-label')!.includes(x)),
      );
      if (!mark) return null;
      mark.scrollIntoView({ block: 'center' });
      const r = mark.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, label: mark.getAttribute('aria-label')! };
    },
    fig,
    words,
  );
  expect(found, `${fig}: a mark labelled ${words.join(' + ')}`).not.toBeNull();
  return found!;
}

const tipText = (page: Page) => page.evaluate(() => document.querySelector('.chart-tip')?.textContent ?? null);

describe.each(langs)("the %s edition's charts", (lang) => {
  let phone: Load;
  /** What the first load transferred (later tests fetch downloads, and touch emulation reloads the page). */
  let loaded: Pick<Load, 'bytes' | 'byType' | 'requests' | 'foreign' | 'failed' | 'consoleErrors'>;
  beforeAll(async () => {
    phone = await open(editionUrl(lang), { width: 390, height: 844 }, { scroll: true });
    loaded = structuredClone({
      bytes: phone.bytes,
      byType: phone.byType,
      requests: phone.requests,
      foreign: phone.foreign,
      failed: phone.failed,
      consoleErrors: phone.consoleErrors,
    });
    await phone.page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1, hasTouch: true, isMobile: true });
    await settle(phone.page);
  });
  afterAll(async () => {
    await phone?.page.close();
  });

  it("sets every chart's text at 11 CSS px or more on a 390 px phone, in the narrow layout", async () => {
    const charts = await phone.page.evaluate(() =>
      [...document.querySelectorAll('figure .chart')].map((chart) => {
        const shown = [...chart.querySelectorAll('svg')].filter((s) => s.getClientRects().length > 0);
        const sizes = shown.flatMap((svg) => {
          const k = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
          return [...svg.querySelectorAll('text')]
            .filter((t) => (t.textContent ?? '').trim())
            .map((t) => parseFloat(getComputedStyle(t).fontSize) * k);
        });
        return {
          id: chart.closest('figure')!.id,
          shown: shown.map((s) => s.parentElement!.className),
          texts: sizes.length,
          smallest: Math.min(...sizes),
          right: Math.max(...shown.map((s) => s.getBoundingClientRect().right)),
        };
      }),
    );
    console.log(`[charts] ${lang} at 390 px: ${charts.map((c) => `${c.id} ${c.smallest.toFixed(1)}px`).join(', ')}`);
    expect(charts).toHaveLength(5);
    for (const c of charts) {
      expect(c.shown, c.id).toEqual(['chart-narrow']);
      expect(c.texts, c.id).toBeGreaterThan(5);
      expect(c.smallest, c.id).toBeGreaterThanOrEqual(11);
      expect(c.right, `${c.id} fits the screen`).toBeLessThanOrEqual(390);
    }
  });

  it("shows a bar's value, as the text formats it, with its category and the figure's source, when tapped", async () => {
    const { rows, meta } = dataset('hurun-unicorns-2022');
    const row = rows.find((r) => r.city === 'BJ')!;
    const city = meta.labels!.city!.BJ![lang];
    const value = formatValue(row.value!, meta.unit ?? 'number', lang);
    const mark = await markAt(phone.page, 'fig-hurun-unicorns', [city]);
    await phone.page.touchscreen.tap(mark.x, mark.y);
    const tip = await tipText(phone.page);
    const source = await phone.page.$eval('#fig-hurun-unicorns .figure-source', (p) => p.textContent!.trim());
    expect(tip).toBe(`${mark.label}${source}`);
    expect(mark.label).toContain(city);
    expect(mark.label.endsWith(value), `"${mark.label}" ends with ${value}`).toBe(true);
    await phone.page.screenshot({ path: path.join(artifacts, `chart-${lang}-phone-bar.png`) });
    // A tap elsewhere closes it.
    await phone.page.touchscreen.tap(5, 400);
    expect(await tipText(phone.page)).toBeNull();
  });

  it("shows a point's value when tapped (Hong Kong, 2020: the report's 0.99%)", async () => {
    const { rows, meta } = dataset('rd-gdp-asia');
    const row = rows.find((r) => r.economy === 'HKG' && r.year === '2020')!;
    const economy = meta.labels!.economy!.HKG![lang];
    const value = formatValue(row.value!, meta.unit!, lang);
    expect(value).toBe('0.99%');
    const mark = await markAt(phone.page, 'fig-rd-gdp', [economy, '2020']);
    await phone.page.touchscreen.tap(mark.x, mark.y);
    const tip = await tipText(phone.page);
    expect(tip).toContain(mark.label);
    expect(mark.label).toContain(economy);
    expect(mark.label.endsWith(value), `"${mark.label}" ends with ${value}`).toBe(true);
    await phone.page.screenshot({ path: path.join(artifacts, `chart-${lang}-phone.png`) });
    await phone.page.touchscreen.tap(5, 400);
  });

  it('shows the value of the mark that has the keyboard focus, and moves with the arrow keys', async () => {
    const desktop = await open(editionUrl(lang), { width: 1280, height: 800 });
    try {
      const { page } = desktop;
      await page.bringToFront();
      // Tab from the element before the chart: one tab stop leads into it, on its first mark.
      await page.evaluate(() => {
        const chart = document.querySelector('#fig-hurun-unicorns .chart')!;
        const all = [...document.querySelectorAll<HTMLElement>('a[href], button, summary, [tabindex="0"]')].filter(
          (e) => e.checkVisibility(),
        );
        const before = all.filter((e) => e.compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING).pop()!;
        before.focus();
      });
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => ({
        label: document.activeElement?.getAttribute('aria-label') ?? null,
        active: document.activeElement?.outerHTML.slice(0, 120) ?? '',
        inChart: !!document.activeElement?.closest('#fig-hurun-unicorns .chart'),
        tip: document.querySelector('.chart-tip')?.textContent ?? null,
        describedBy:
          document.getElementById(document.activeElement?.getAttribute('aria-describedby') ?? '')?.textContent ?? null,
        hint: [...document.querySelectorAll('#fig-hurun-unicorns .chart-keys')].some(
          (k) => k.getClientRects().length > 0,
        ),
      }));
      expect(first.inChart, first.active).toBe(true);
      expect(first.label).toBeTruthy();
      expect(first.tip).toContain(first.label!);
      expect(first.describedBy, 'screen readers hear the source as the description').toMatch(/^(数据来源|Source)/);
      expect(first.tip).toContain(first.describedBy!);
      expect(first.hint).toBe(true);
      await page.keyboard.press('ArrowRight');
      const next = await page.evaluate(() => ({
        label: document.activeElement?.getAttribute('aria-label'),
        tip: document.querySelector('.chart-tip strong')?.textContent,
      }));
      expect(next.label).not.toBe(first.label);
      expect(next.tip).toBe(next.label);
      await page.keyboard.press('Escape');
      expect(await tipText(page)).toBeNull();
      // A mouse pointing at a bar shows it too.
      const mark = await markAt(page, 'fig-sz-rd-2020', []);
      await page.mouse.move(mark.x, mark.y);
      expect(await tipText(page)).toContain(mark.label);
      await page.screenshot({ path: path.join(artifacts, `chart-${lang}-desktop.png`) });
    } finally {
      await desktop.page.close();
    }
  });

  it('downloads each chart as SVG (fonts inside) and PNG, and its data as CSV', async () => {
    const menus = await phone.page.evaluate(() =>
      [...document.querySelectorAll('figure.figure:not(.figure-pending)')].map((f) => ({
        id: f.id,
        caption: f.querySelector('figcaption')!.textContent!.trim(),
        links: [...f.querySelectorAll('.share a[download]')].map((a) => ({
          href: a.getAttribute('href')!,
          name: a.getAttribute('download')!,
        })),
      })),
    );
    expect(menus).toHaveLength(5);
    for (const m of menus) {
      expect(m.links.map((l) => l.href)).toEqual([
        `charts/${m.id}.svg`,
        `charts/${m.id}.png`,
        expect.stringMatching(/^data\/[\w-]+\.csv$/),
      ]);
      const got = await phone.page.evaluate(
        async (hrefs) => {
          const out = [];
          for (const href of hrefs) {
            const r = await fetch(href);
            const bytes = new Uint8Array(await r.arrayBuffer());
            out.push({
              status: r.status,
              type: r.headers.get('content-type') ?? '',
              head: [...bytes.slice(0, 8)],
              text: href.endsWith('.png') ? '' : new TextDecoder().decode(bytes),
              size: bytes.length,
              width: bytes.length > 24 ? (bytes[16]! << 24) | (bytes[17]! << 16) | (bytes[18]! << 8) | bytes[19]! : 0,
            });
          }
          return out;
        },
        m.links.map((l) => l.href),
      );
      const [svg, png, csv] = got as [(typeof got)[0], (typeof got)[0], (typeof got)[0]];
      expect(svg.status, m.links[0]!.href).toBe(200);
      expect(svg.type).toContain('image/svg+xml');
      expect(svg.text).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg.text, 'the SVG carries its fonts').toMatch(
        /@font-face\{font-family:'(Noto Sans SC|Source Sans 3)'[^}]*src:url\(data:font\/woff;base64,/,
      );
      // The caption is wrapped onto lines of its own: compare the text without spaces.
      const squeeze = (t: string) => t.replace(/\s+/g, '');
      expect(
        squeeze(
          svg.text
            .replace(/<style>[\s\S]*?<\/style>/, '')
            .replace(/<[^>]+>/g, ' ')
            .replace(/&amp;/g, '&'),
        ),
      ).toContain(squeeze(m.caption));
      expect(svg.text).toMatch(lang === 'zh' ? /数据来源：/ : /Source: /);
      expect(png.status, m.links[1]!.href).toBe(200);
      expect(png.type).toBe('image/png');
      expect(png.head).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(png.width, 'drawn at twice the size').toBeGreaterThan(1000);
      expect(csv.status, m.links[2]!.href).toBe(200);
      expect(csv.type).toContain('text/csv');
      expect(csv.text.split('\n')[0]).toMatch(/\bvalue\b.*\bsource\b/);
      for (const l of m.links) expect(l.name.endsWith(`.${l.href.split('.').pop()}`), l.name).toBe(true);
    }
  });

  it('saves a download where the reader clicks it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chart-downloads-'));
    const page = phone.page;
    try {
      // Downloads are a browser matter: allowed for this test's context, into a folder of its own.
      const cdp = await page.browser().target().createCDPSession();
      await cdp.send('Browser.setDownloadBehavior', {
        behavior: 'allow',
        browserContextId: web.context.id,
        downloadPath: dir,
        eventsEnabled: true,
      });
      const done = new Promise<string>((resolve) => {
        cdp.on('Browser.downloadProgress', (e) => {
          if (e.state === 'completed' || e.state === 'canceled') resolve(e.state);
        });
      });
      await page.evaluate(() => {
        const d = document.querySelector<HTMLDetailsElement>('#fig-rd-gdp details.share')!;
        d.open = true;
        d.scrollIntoView({ block: 'center' });
      });
      await page.click('#fig-rd-gdp .share a[href$=".png"]');
      expect(await done).toBe('completed');
      await cdp.detach();
      const files = readdirSync(dir);
      expect(files).toEqual([`fig-rd-gdp-${lang}.png`]);
      expect(readFileSync(path.join(dir, files[0]!)).subarray(1, 4).toString()).toBe('PNG');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives every figure and table a permalink, a link to copy and a citation', async () => {
    const page = phone.page;
    const origin = new URL(web.server.url).origin;
    await web.context.overridePermissions(origin, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    await page.bringToFront();
    const items = await page.evaluate(() =>
      [...document.querySelectorAll('figure')].map((f) => ({
        id: f.id,
        label: f.querySelector('.figure-label')!.textContent!.replace(/[:：\s]+$/, ''),
        caption: f
          .querySelector('figcaption')!
          .textContent!.replace(f.querySelector('.figure-label')!.textContent!, '')
          .trim(),
        permalink: f.querySelector('.share a.share-permalink')?.getAttribute('href') ?? null,
        cite: f.querySelector('.share .share-cite')?.textContent?.trim() ?? '',
        tableCsv: f.querySelector('.share a[href^="data/tables/"]')?.getAttribute('href') ?? null,
      })),
    );
    expect(items.length).toBe(12);
    const title =
      lang === 'zh'
        ? '深港科创合作：发展现状、合作历程与政策建议'
        : 'Shenzhen–Hong Kong Science and Technology Cooperation';
    for (const f of items) {
      expect(f.permalink, f.id).toBe(`#${f.id}`);
      expect(f.cite, f.id).toContain(title);
      expect(f.cite.replace(/\u00a0/g, ' '), f.id).toContain(f.label.replace(/\u00a0/g, ' '));
      expect(f.cite, f.id).toContain(f.caption);
      expect(f.cite, f.id).toContain(lang === 'zh' ? '2023 年 1 月 10 日' : '10 January 2023');
      expect(f.cite.endsWith(`${BASE_URL}${lang}/#${f.id}`), f.cite).toBe(true);
    }
    // Tables come as CSV too: the table as printed, one record per row.
    const tables = items.filter((f) => f.id.startsWith('tab-'));
    expect(tables.map((t) => t.tableCsv)).toEqual(tables.map((t) => `data/tables/${t.id}.csv`));
    const csv = await page.evaluate(async (href) => {
      const r = await fetch(href);
      return { type: r.headers.get('content-type'), text: await r.text() };
    }, tables[0]!.tableCsv!);
    expect(csv.type).toContain('text/csv');
    // A header that spans columns fills the first of them, as a merged cell does.
    const head = await page.$eval(`#${tables[0]!.id} thead tr`, (tr) =>
      [...tr.children].flatMap((c) => [
        c.textContent!.trim(),
        ...Array<string>(Number(c.getAttribute('colspan') ?? 1) - 1).fill(''),
      ]),
    );
    expect(csv.text.split('\r\n')[0]).toBe(
      head.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','),
    );
    // Copy link puts the figure's address on the clipboard and says so.
    await page.evaluate(() => {
      const d = document.querySelector<HTMLDetailsElement>('#fig-hk-gerd details.share')!;
      d.open = true;
      d.scrollIntoView({ block: 'center' });
    });
    await page.click('#fig-hk-gerd .share-copy[data-copy="link"]');
    await page.waitForFunction(() => document.querySelector('#fig-hk-gerd .share-status')!.textContent !== '');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${BASE_URL}${lang}/#fig-hk-gerd`);
    expect(await page.$eval('#fig-hk-gerd .share-status', (s) => s.textContent)).toBe(
      lang === 'zh' ? '已复制' : 'Copied',
    );
    const cite = items.find((f) => f.id === 'fig-hk-gerd')!.cite;
    await page.click('#fig-hk-gerd .share-copy[data-copy="cite"]');
    await page.waitForFunction(async (c) => (await navigator.clipboard.readText()) === c, {}, cite);
    await page.screenshot({ path: path.join(artifacts, `chart-${lang}-phone-share.png`) });
  });

  it("has every character that a tip or a share menu shows in the edition's own fonts (no system font)", async () => {
    const css = readFileSync(path.join(web.root, 'dist', lang, 'assets', 'fonts.css'), 'utf8');
    const sans = lang === 'zh' ? ['Noto Sans SC'] : ['Source Sans 3', 'Noto Sans SC'];
    const covered = (cp: number) =>
      [...css.matchAll(/font-family:'([^']+)';[^}]*unicode-range:([^}]+)\}/g)]
        .filter((m) => sans.includes(m[1]!))
        .some((m) =>
          m[2]!.split(',').some((r) => {
            const [a, b] = r
              .trim()
              .replace(/^U\+/i, '')
              .split('-')
              .map((x) => parseInt(x, 16));
            return cp >= a! && cp <= (b ?? a!);
          }),
        );
    const text = await phone.page.evaluate(() =>
      [...document.querySelectorAll('.chart [aria-label], .share')]
        .map((e) => e.getAttribute('aria-label') ?? e.textContent)
        .join(''),
    );
    const missing = [...new Set([...text.replace(/\s/g, '')])].filter((ch) => !covered(ch.codePointAt(0)!));
    expect(text.length).toBeGreaterThan(1000);
    expect(missing).toEqual([]);
  });

  it('stays under 1 MB on a phone, scrolled to the end, with nothing from outside', () => {
    console.log(
      `[charts] ${lang} on a phone: ${loaded.bytes} bytes (${mb(loaded.bytes)}) in ${loaded.requests.length} requests; by type: ${JSON.stringify(loaded.byType)}`,
    );
    expect(loaded.bytes, `${lang} transfers ${mb(loaded.bytes)}`).toBeLessThan(MAX_BYTES);
    expect(loaded.foreign).toEqual([]);
    expect(loaded.failed).toEqual([]);
    expect(loaded.consoleErrors).toEqual([]);
    // and nothing went wrong in the page while the other tests tapped, typed and downloaded
    expect(phone.consoleErrors).toEqual([]);
  });
});
