import path from 'node:path';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { visibleText } from '../../scripts/fonts/edition-fonts.js';
import { cli, overlay, repo, reportCopy } from '../helpers.js';

/**
 * dist/review/index.html, built with the editions: tests/fixtures/aligned with one Chinese sentence
 * changed, one English number changed and one Chinese paragraph added, read back.
 */
let root: string;
let page: string;
const edition = (lang: string) => readFileSync(path.join(root, 'dist', lang, 'index.html'), 'utf8');

beforeAll(async () => {
  root = reportCopy('mini');
  overlay(root, path.join(repo, 'tests', 'fixtures', 'aligned'));
  const edit = (rel: string, from: string, to: string) => {
    const file = path.join(root, rel);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(from);
    writeFileSync(file, text.replace(from, to));
  };
  edit('content/zh/01-main.md', '第一阶段以加工贸易为主，企业规模较小。', '第一阶段以加工贸易为主，企业规模普遍较小。');
  edit('content/en/01-main.md', 'with 500 people trained', 'with 50 people trained');
  edit('content/zh/01-main.md', '完善资金支持。\n', '完善资金支持。\n- 扩大对外开放。\n');
  const r = await cli(['build', '--root', root, '--format', 'html', '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  page = readFileSync(path.join(root, 'dist', 'review', 'index.html'), 'utf8');
});

/** The row of the page whose id is given (rows do not nest). */
function row(id: string): string {
  const start = page.indexOf(`id="${id}"`);
  expect(start, id).toBeGreaterThan(0);
  const open = page.lastIndexOf('<div', start);
  const next = page.indexOf('<div class="row', start);
  return page.slice(open, next < 0 ? undefined : next);
}

describe('the review page', () => {
  it('highlights the stale unit with the Chinese change marked, beside its English', () => {
    const stale = row('u-en-growth.p3');
    expect(stale).toMatch(/^<div class="row stale paragraph"/);
    expect(stale).toContain('<ins>普遍</ins>');
    expect(stale).toContain('In the first stage, processing trade dominated');
    expect(page.match(/class="row stale/g)).toHaveLength(1);
  });

  it('flags the pair that differs, and the unit without translation', () => {
    const odd = row('u-en-advice.li1');
    expect(odd).toMatch(/^<div class="row ok item mismatch"/);
    expect(odd).toContain('<li>500 only in the Chinese</li>');
    expect(odd).toContain('<li>50 only in the English</li>');
    const missing = row('u-en-advice.li3');
    expect(missing).toMatch(/^<div class="row untranslated item"/);
    expect(missing).toContain('扩大对外开放。');
    expect(missing).toContain('no English translation');
  });

  it('links every unit to its place in both editions, and to its source file and line', () => {
    const links = [...page.matchAll(/href="\.\.\/(zh|en)\/index\.html#([^"]+)"/g)];
    expect(links.length).toBeGreaterThan(40);
    const ids = { zh: edition('zh'), en: edition('en') };
    for (const [, lang, id] of links)
      expect(ids[lang as 'zh'], `${lang} #${id}`).toContain(`id="${decodeURIComponent(id!)}"`);
    expect(row('u-en-growth.p3')).toContain('href="../../content/zh/01-main.md">content/zh/01-main.md:14</a>');
    expect(row('u-en-growth.p3')).toContain('href="../../content/en/01-main.md">content/en/01-main.md:14</a>');
  });

  it('is one page that loads nothing from the network but its fonts, and the editions do not link to it', () => {
    expect(readdirSync(path.join(root, 'dist', 'review'))).toEqual(['assets', 'index.html']);
    expect(page).not.toMatch(/<(?:script|img|iframe)\b/);
    const loaded = [...page.matchAll(/<link[^>]*href="([^"]+)"/g)].map((m) => m[1]);
    expect(loaded).toEqual(['assets/fonts.css']);
    expect(page).not.toMatch(/url\(/);
    for (const lang of ['zh', 'en']) expect(edition(lang)).not.toContain('review/');
  });

  it('has a font of its own for every character it shows (none is left to a system font)', () => {
    const css = readFileSync(path.join(root, 'dist', 'review', 'assets', 'fonts.css'), 'utf8');
    const ranges: [number, number][] = [];
    for (const face of css.matchAll(/src:url\(([^)]+)\)[^}]*unicode-range:([^}]+)\}/g)) {
      expect(existsSync(path.join(root, 'dist', 'review', 'assets', face[1]!)), face[1]).toBe(true);
      for (const r of face[2]!.split(',')) {
        const [a, b] = r
          .trim()
          .replace(/^U\+/i, '')
          .split('-')
          .map((x) => parseInt(x, 16));
        ranges.push([a!, b ?? a!]);
      }
    }
    const shown = [...new Set(visibleText(page))].filter((ch) => !/\s/.test(ch));
    // The page shows both languages: Chinese and Latin text, and the marks between them.
    expect(shown).toEqual(expect.arrayContaining(['阶', 'w', '↔']));
    const uncovered = shown.filter(
      (ch) => !ranges.some(([a, b]) => ch.codePointAt(0)! >= a && ch.codePointAt(0)! <= b),
    );
    expect(uncovered).toEqual([]);
  });
});
