import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { markOtherLanguage } from '../../../scripts/stages/render-markdown/language-runs.js';

const marked = (html: string, lang: 'zh' | 'en') => {
  const tree = fromHtml(html, { fragment: true });
  markOtherLanguage(tree, lang);
  return toHtml(tree);
};

describe('words in the other language', () => {
  it('marks Chinese names and titles in English running text, notes included', () => {
    expect(marked('<p>Xinhua Finance (新华财经), “香港加速创科发展，二”, 2022.</p>', 'en')).toBe(
      '<p>Xinhua Finance (<span lang="zh-CN">新华财经</span>), “<span lang="zh-CN">香港加速创科发展，二</span>”, 2022.</p>',
    );
    expect(marked('<ol><li><p>Li Bing (李兵)</p></li></ol>', 'en')).toContain('<span lang="zh-CN">李兵</span>');
  });

  it('marks Latin words in Chinese running text, but not an address or code', () => {
    expect(marked('<p>全社会R&amp;D经费与GDP之比，见香港科学园（Hong Kong Science Park）。</p>', 'zh')).toBe(
      '<p>全社会<span lang="en">R&#x26;D</span>经费与<span lang="en">GDP</span>之比，见香港科学园（<span lang="en">Hong Kong Science Park</span>）。</p>',
    );
    expect(marked('<p><a href="https://x.org/a">https://x.org/a</a> <code>npm run</code></p>', 'zh')).not.toContain(
      'lang=',
    );
  });

  it('leaves headings, tables and figures as they are, and a single letter or number alone', () => {
    const html =
      '<h2>深港 R&amp;D</h2><table><tbody><tr><td>GDP</td></tr></tbody></table><figure><p>GDP</p></figure><p>A股 2021年</p>';
    expect(marked(html, 'zh')).toBe(html.replace('R&amp;D', 'R&#x26;D'));
  });
});
