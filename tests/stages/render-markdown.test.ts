import path from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { closeTestBrowser, options, reportCopy } from '../helpers.js';

afterAll(closeTestBrowser);

type Node = DefaultTreeAdapterMap['node'];

/** Every element's id and every in-page link target of an HTML page, in document order. */
function idsAndLinks(html: string): { ids: string[]; links: { href: string; inside: string }[] } {
  const ids: string[] = [];
  const links: { href: string; inside: string }[] = [];
  const walk = (node: Node, inside: string): void => {
    if ('attrs' in node) {
      const id = node.attrs.find((a) => a.name === 'id')?.value;
      if (id) ids.push(id);
      const href = node.attrs.find((a) => a.name === 'href')?.value;
      if (node.tagName === 'a' && href?.startsWith('#') && href.length > 1) links.push({ href: href.slice(1), inside });
      const chapter = node.attrs.find((a) => a.name === 'data-chapter')?.value;
      if (chapter) inside = chapter;
    }
    if ('childNodes' in node) for (const kid of node.childNodes) walk(kid as Node, inside);
  };
  walk(parse(html) as Node, '');
  return { ids, links };
}

describe('notes', () => {
  it('a note cited in two chapters gets ids of its own in each; no id is used twice in either edition, and every note link lands in its own chapter', async () => {
    const root = reportCopy('mini');
    const second = {
      zh: '---\nid: more\ntitle: 二、续章\n---\n\n# 二、续章 {#more}\n\n再次引用同一来源[^n1]，并两次引用[^n1]。\n\n[^n1]: 测试来源（2024-01-01），“样例”，<https://example.org/a>\n',
      en: '---\nid: more\ntitle: II. More\n---\n\n# II. More {#more}\n\nThe same source again[^n1], and twice[^n1].\n\n[^n1]: Test source (测试来源), 1 January 2024, “样例” [Sample], <https://example.org/a>\n',
    };
    writeFileSync(path.join(root, 'content', 'zh', '02-more.md'), second.zh);
    writeFileSync(path.join(root, 'content', 'en', '02-more.md'), second.en);
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'notes-')), 'dist');
    const result = await build(options(root, out, { formats: ['html'] }));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const lang of ['zh', 'en']) {
      const { ids, links } = idsAndLinks(readFileSync(path.join(out, lang, 'index.html'), 'utf8'));
      expect(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        `${lang}: ids used twice`,
      ).toEqual([]);
      // Each note reference and back link points to an element that exists, in the chapter it stands in.
      const chapterOf = new Map<string, string>();
      const html = readFileSync(path.join(out, lang, 'index.html'), 'utf8');
      for (const m of html.matchAll(/data-chapter="([^"]+)"[\s\S]*?(?=data-chapter="|$)/g))
        for (const id of m[0].matchAll(/\sid="([^"]+)"/g)) chapterOf.set(id[1]!, m[1]!);
      const noteLinks = links.filter((l) => /^(note|ref)-/.test(l.href));
      expect(noteLinks.length, lang).toBe(5); // chapter 1: a reference and the back link; chapter 2: two references and the back link
      for (const l of noteLinks) expect([l.href, chapterOf.get(l.href)]).toEqual([l.href, l.inside]);
    }
  });
});
