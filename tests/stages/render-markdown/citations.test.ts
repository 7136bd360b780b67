import path from 'node:path';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../scripts/build.js';
import { BuildFailed, type Diagnostic } from '../../../scripts/diagnostics/catalogue.js';
import { closeTestBrowser, options, overlay, repo, reportCopy } from '../../helpers.js';
import { elements } from '../../hast.js';

/**
 * The mini report with tests/fixtures/overlays/citations laid over it: data/references.json (ten references:
 * five examples published in GB/T 7714-2015 and five of the Chicago Manual of Style's) and a chapter that cites each of
 * them in both editions, in Pandoc's syntax. Built once (HTML); the notes are read back from the pages.
 */
let root: string;
let out: string;
let diagnostics: Diagnostic[];

beforeAll(async () => {
  root = reportCopy('mini');
  overlay(root, path.join(repo, 'tests', 'fixtures', 'overlays', 'citations'));
  out = path.join(mkdtempSync(path.join(tmpdir(), 'citations-')), 'dist');
  diagnostics = (await build(options(root, out, { formats: ['html'] }))).diagnostics;
}, 120_000);

afterAll(async () => {
  await closeTestBrowser();
  rmSync(root, { recursive: true, force: true });
  rmSync(path.dirname(out), { recursive: true, force: true });
});

/** The line of data/references.json (in the overlay) that holds `text`. */
function lineOf(text: string): number {
  const file = path.join(repo, 'tests', 'fixtures', 'overlays', 'citations', 'data', 'references.json');
  return (
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(text)) + 1
  );
}

/** Each listed note of the edition's "sources" chapter: its number and its text (without the back link). */
function notes(lang: string): Map<number, string> {
  const page = fromHtml(readFileSync(path.join(out, lang, 'index.html'), 'utf8'));
  const section = elements(page, (e) => e.properties.dataChapter === 'sources')[0]!;
  const items = elements(section, (e) => e.tagName === 'li' && String(e.properties.id ?? '').startsWith('note-'));
  return new Map(items.map((li) => [Number(li.properties.value), toText(li).replace(/\s*↑$/, '').trim()]));
}

describe('citations', () => {
  it('builds without errors, and warns of the one reference that no edition cites, at its entry', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const uncited = diagnostics.filter((d) => d.rule === 'uncited-reference');
    expect(uncited.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      `data/references.json:${lineOf('"id": "never-cited"') - 1}:3 Reference "@never-cited" is never cited`,
    ]);
  });

  it('GB/T 7714-2015: a journal article, a book, a report, a newspaper article with a URL and date, a web page', () => {
    const zh = notes('zh');
    // Each expected string is an example printed in GB/T 7714-2015 itself, its data in data/references.json. The
    // standard's text is not among the material we could read; its examples were taken from two transcriptions
    // that file them by clause: CTeX-org/gbt7714-bibtex-style, test/testbst/support/standard.bib, and
    // hushidong/biblatex-gb7714-2015, example.bib (both on GitHub). Both give the report's title as "第 29 次…现状…"
    // and its URL without ".pdf", which we keep. The spacing (one space after ". , :") is the transcriptions'.
    expect([...zh.values()].slice(0, 5)).toEqual([
      // 4.4.2 (连续出版物中的析出文献), 示例: an article online, with its date of citation.
      '李炳穆. 韩国图书馆法[J/OL]. 图书情报工作, 2008, 52(6): 6-12[2013-10-25]. http://www.docin.com/p-400265742.html.',
      // 4.1.2 (专著), 示例, cited at page 29.
      '陈登原. 国史旧闻: 第1卷[M]. 北京: 中华书局, 2000: 29.',
      // 4.6.2 (电子资源), 示例.
      '中国互联网络信息中心. 第 29 次中国互联网络发展现状统计报告[R/OL]. (2012-01-16)[2013-03-26]. http://www.cnnic.net.cn/hlwfzyj/hlwxzbg/201201/P020120709345264469680.',
      // 4.4.2, 示例: a newspaper article online, its page (版次) in parentheses.
      '余建斌. 我们的科技一直在追赶: 访中国工程院院长周济[N/OL]. 人民日报, 2013-01-12(2)[2013-03-20]. http://paper.people.com.cn/rmrb/html/2013-01/12/nw.D110000renmrb_20130112_5-02.htm.',
      // A.10 (电子资源).
      '萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. http://www.creader.com/news/20011219/200112190019.html.',
    ]);
  });

  it('Chicago notes: a journal article, a book, a newspaper article with a URL and date, a web page with an access date, a report', () => {
    const en = notes('en');
    expect([...en.values()].slice(5, 10)).toEqual([
      // CMOS 17th ed., "Chicago-Style Citation Quick Guide" (chicagomanualofstyle.org/tools_citationguide/
      // citation-guide-1.html), notes and bibliography: journal article, book, news or magazine article. Read
      // here as quoted by library guides (usnwc.libguides.com: Satterfield; artsdocbox.com: Smith).
      'Susan Satterfield, “Livy and the Pax Deum,” Classical Philology 111, no. 2 (April 2016): 170.',
      'Zadie Smith, Swing Time (New York: Penguin Press, 2016), 315–16.',
      'Farhad Manjoo, “Snap Makes a Bet on the Cultural Supremacy of the Camera,” New York Times, March 8, 2017, https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html.',
      // The same guide, 18th ed., website content with no date but an access date (the 17th ed.'s example is
      // the same page, accessed May 1, 2017); read as quoted in public code that cites the guide.
      '“About Yale: Yale Facts,” Yale University, accessed March 8, 2022, https://www.yale.edu/about-yale/yale-facts.',
      // No published example of a report at hand (the quick guide has none): written from CMOS 17th ed. 14.220
      // (a report cited as a book).
      'Congressional Budget Office, The Budget and Economic Outlook: 2017 to 2027 (Washington, DC: Congressional Budget Office, 2017), 12.',
    ]);
  });

  it('numbers citations with the other notes; @key leaves the author in the text; [@a; @b] is one note; in a note, a citation joins its text', () => {
    for (const [lang, inText, cluster, comment] of [
      [
        'zh',
        '李炳穆',
        '李炳穆. 韩国图书馆法[J/OL]. 图书情报工作, 2008, 52(6): 6-12[2013-10-25]. http://www.docin.com/p-400265742.html; 陈登原. 国史旧闻: 第1卷[M]. 北京: 中华书局, 2000: 29.',
        '参见 萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. http://www.creader.com/news/20011219/200112190019.html。',
      ],
      // Chicago gives a source cited again in short (CMOS 17th ed. 14.29–14.30: surname, short title, page).
      [
        'en',
        '<span lang="zh-CN">李炳穆</span>',
        '李, “韩国图书馆法”; 陈, 国史旧闻: 第1卷, 29.',
        'See 萧, “出版业信息化迈入快车道.”',
      ],
    ] as const) {
      const list = notes(lang);
      // Chapter one's note is 1; this chapter's ten citations are 2–11, then Smith again, the in-text one, the
      // cluster, the comment, and a Chinese article with its title in English.
      expect([...list.keys()], lang).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
      if (lang === 'en') expect(list.get(12)).toBe('Smith, Swing Time, 320.');
      const page = readFileSync(path.join(out, lang, 'index.html'), 'utf8');
      // The number stands against the word before it ("A journal [@li2008]" → "A journal²").
      if (lang === 'en') expect(page).toMatch(/A journal<sup class="note-ref"><a href="#note-cite-sources-1"/);
      // (A Chinese name in the English edition is marked as Chinese, as any Chinese text there.)
      expect(page, lang).toContain(`<span class="citation" data-cites="li2008">${inText}</span>`);
      expect(list.get(14)).toBe(cluster);
      expect(list.get(15)).toBe(comment);
    }
  });

  it('the English edition gives a Chinese title with its translation in brackets, the journal in English, and Chinese names in pinyin with their characters', () => {
    // Cited without a page: the note gives the article's pages (CMOS notes cite a page; without one, its range).
    expect(notes('en').get(16)).toBe(
      'Li Bing 李兵 and Lin Mei 林梅, “深港科技合作的一体化战略研究” [A study of an integration strategy for Shenzhen–Hong Kong science and technology cooperation], Special Zone Economy (特区经济), no. 3 (2015): 9–12.',
    );
    expect(notes('zh').get(16)).toBe('李兵, 林梅. 深港科技合作的一体化战略研究[J]. 特区经济, 2015(3): 9-12.');
  });
});

describe('citations.style in report.yaml', () => {
  it("formats one edition's citations with the report's own CSL style, the other with the built-in one", async () => {
    const copy = reportCopy('mini');
    const dist = path.join(mkdtempSync(path.join(tmpdir(), 'citation-style-')), 'dist');
    try {
      overlay(copy, path.join(repo, 'tests', 'fixtures', 'overlays', 'citations'));
      overlay(copy, path.join(repo, 'tests', 'fixtures', 'overlays', 'citation-style'));
      appendFileSync(path.join(copy, 'report.yaml'), 'citations:\n  style:\n    en: styles/title-only.csl\n');
      const result = await build(options(copy, dist, { formats: ['html'] }));
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const en = readFileSync(path.join(dist, 'en', 'index.html'), 'utf8');
      const zh = readFileSync(path.join(dist, 'zh', 'index.html'), 'utf8').replace(/<[^>]+>/g, '');
      expect(en).toContain('<span class="citation" data-cites="smith2016">SWING TIME.</span>');
      expect(zh).toContain('SMITH Z. Swing Time[M]. New York: Penguin Press, 2016: 315-16.');
    } finally {
      rmSync(copy, { recursive: true, force: true });
      rmSync(path.dirname(dist), { recursive: true, force: true });
    }
  }, 120_000);

  it('reports a style of its own without a <bibliography> when report.yaml asks for a bibliography', async () => {
    const copy = reportCopy('mini');
    const dist = path.join(mkdtempSync(path.join(tmpdir(), 'citation-style-')), 'dist');
    try {
      overlay(copy, path.join(repo, 'tests', 'fixtures', 'overlays', 'citations'));
      overlay(copy, path.join(repo, 'tests', 'fixtures', 'overlays', 'citation-style'));
      appendFileSync(
        path.join(copy, 'report.yaml'),
        'citations:\n  style:\n    en: styles/title-only.csl\n  bibliography: true\n',
      );
      const failed = await build(options(copy, dist, { formats: ['html'] })).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(BuildFailed);
      const errors = (failed as BuildFailed).diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.file} ${d.message} [${d.rule}]`)).toEqual([
        'report.yaml The citation style cannot be used: it has no <bibliography>, which citations.bibliography asks for [citation-style]',
      ]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
      rmSync(path.dirname(dist), { recursive: true, force: true });
    }
  }, 120_000);
});
