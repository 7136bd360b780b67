import path from 'node:path';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers.js';
import { editionUrl, langs, open, useServedReport, web } from './web-harness.js';

/**
 * Every page a build writes, audited by axe-core (the checker Lighthouse and most CI pipelines use) against
 * WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices: both editions of the repository's report
 * at 390 and 1280 px — as loaded, then with a figure's share menu open and a chart value shown — the language
 * chooser and the translators' page; and a report made with `npm run new`, built twice with a data change
 * between, for its editions and a change report that lists something (docs/accessibility.md).
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const widths = [390, 1280];

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's violations on the page as it is now, one line each (rule, impact, where). */
async function audit(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const found = (await page.evaluate(
    (values) =>
      (
        window as unknown as {
          axe: { run: (c: Document, o: object) => Promise<{ violations: Record<string, unknown>[] }> };
        }
      ).axe
        .run(document, { runOnly: { type: 'tag', values } })
        .then((r) =>
          r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: (v.nodes as { target: string[] }[]).map((n) => n.target.join(' ')),
          })),
        ),
    tags,
  )) as Finding[];
  return found.map((f) => `${f.impact} ${f.id}: ${f.help} — ${f.nodes.slice(0, 4).join(', ')}`);
}

async function auditUrl(url: string, width: number, before?: (page: Page) => Promise<void>): Promise<string[]> {
  const { page } = await open(url, { width, height: 900 });
  try {
    if (before) await before(page);
    return await audit(page);
  } finally {
    await page.close();
  }
}

/** The first figure's share menu open, and the first chart's first mark focused from the keyboard (its value shown). */
async function menuAndValue(page: Page): Promise<void> {
  const shown = await page.evaluate(() => {
    document.querySelector<HTMLDetailsElement>('details.share')?.setAttribute('open', '');
    const mark = [...document.querySelectorAll<HTMLElement>('.chart [tabindex="0"]')].find((m) => m.checkVisibility());
    mark?.focus();
    return { menu: !!document.querySelector('details.share[open]'), mark: !!mark };
  });
  expect(shown).toEqual({ menu: true, mark: true });
  await page.waitForSelector('.chart-tip', { visible: true });
}

useServedReport();

describe.each(langs)('the %s edition of the repository report', (lang) => {
  it.each(widths)(
    'has no axe-core violation at %i px, as loaded and with a share menu and a chart value open',
    async (width) => {
      expect(await auditUrl(editionUrl(lang), width)).toEqual([]);
      expect(await auditUrl(editionUrl(lang), width, menuAndValue)).toEqual([]);
    },
  );
});

describe("the repository report's other pages", () => {
  it.each(widths)('the language chooser and the translators’ page have no violation at %i px', async (width) => {
    expect(await auditUrl(`${web.server.url}index.html`, width)).toEqual([]);
    expect(await auditUrl(`${web.server.url}review/index.html`, width)).toEqual([]);
  });
});

describe('a report made with npm run new, built, its data changed and built again', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'axe-')), 'starter-report');
  const page = (p: string) => pathToFileURL(path.join(dir, 'dist', p)).href;
  beforeAll(async () => {
    expect((await cli(['new', dir])).code).toBe(0);
    expect((await cli(['build', '--root', dir, '--format', 'html'])).code).toBe(0);
    const csv = path.join(dir, 'data', 'rd-intensity.csv');
    const before = readFileSync(csv, 'utf8');
    const after = before.replace('kor-2021,KOR,2021,4.59673,', 'kor-2021,KOR,2021,5.01234,');
    expect(after).not.toBe(before);
    writeFileSync(csv, after);
    expect((await cli(['build', '--root', dir, '--format', 'html'])).code).toBe(0);
  });

  it.each(widths)('its editions, chooser and translators’ page have no violation at %i px', async (width) => {
    for (const p of ['zh/index.html', 'en/index.html', 'index.html', 'review/index.html'])
      expect(await auditUrl(page(p), width), p).toEqual([]);
  });

  it.each(widths)('its change report, listing the change, has no violation at %i px', async (width) => {
    expect(readFileSync(path.join(dir, 'dist', 'changes.html'), 'utf8')).toContain('5.01');
    expect(await auditUrl(page('changes.html'), width)).toEqual([]);
  });
});
