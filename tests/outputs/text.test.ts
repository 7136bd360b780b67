import path from 'node:path';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { resolveFormats } from '../../scripts/outputs/registry.js';
import { closeTestBrowser, options, reportCopy } from '../helpers.js';

/**
 * The plain-text edition, the format added to prove the registry: asked for with `text`, made from the web
 * edition, and holding the report's text without the page's controls.
 */
const root = reportCopy('mini');
afterAll(async () => {
  await closeTestBrowser();
  rmSync(root, { recursive: true, force: true });
});

describe('the registry', () => {
  it('adds what a format needs (HTML always) and keeps the registry order', () => {
    expect(resolveFormats(['text']).formats.map((f) => f.name)).toEqual(['html', 'text']);
    expect(resolveFormats(['text', 'pdf']).formats.map((f) => f.name)).toEqual(['html', 'pdf', 'text']);
    expect(resolveFormats(['epub', 'pdf']).unknown).toEqual(['epub']);
  });
});

describe('the plain-text edition', () => {
  it('is written beside each edition when asked for, with the prose, numbers from data, table cells and notes, and no controls', async () => {
    const out = path.join(root, 'dist');
    const result = await build(options(root, out, { formats: ['text'] }));
    expect(result.editions.map((e) => Object.keys(e.outputs).sort())).toEqual([
      ['html', 'text'],
      ['html', 'text'],
    ]);
    const en = readFileSync(path.join(out, 'en', 'mini-report-en.txt'), 'utf8');
    const zh = readFileSync(path.join(out, 'zh', 'mini-report-zh.txt'), 'utf8');
    expect(en).toMatch(/^Test Institute\n\nTest report: a small sample\n/);
    expect(en).toContain('Output in 2020 was RMB 151.08 billion, a share of 90.68%');
    expect(en).toMatch(/^Shenzhen\t1$/m);
    expect(en).toContain('https://example.org/a');
    expect(zh).toContain('2020 年产出为 1510.81 亿元');
    for (const text of [en, zh]) {
      expect(text, 'no share menus, heading links or keyboard hints').not.toMatch(
        /Share and cite|分享与引用|Download chart|#\n|Arrow keys|方向键/,
      );
      expect(text, 'no chart drawing (axis labels)').not.toMatch(/^Year$/m);
    }
    expect(existsSync(path.join(out, 'en', 'mini-report-en.pdf')), 'no PDF: it was not asked for').toBe(false);
  });

  it('holds words whole: the soft hyphens the page carries for print are left out', async () => {
    const second = reportCopy('second-report');
    try {
      await build(options(second, path.join(second, 'dist'), { formats: ['text'] }));
      const en = readFileSync(path.join(second, 'dist', 'en', 'rd-intensity-six-en.txt'), 'utf8');
      expect(en).toContain('research and development');
      expect(en).not.toContain('\u00ad');
    } finally {
      rmSync(second, { recursive: true, force: true });
    }
  });
});
