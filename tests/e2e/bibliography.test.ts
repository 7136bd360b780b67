import path from 'node:path';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import type { Diagnostic } from '../../scripts/diagnostics/catalogue.js';
import { closeTestBrowser, options, overlay, repo, reportCopy } from '../helpers.js';
import { checkToc, readPdf, squash, type Pdf } from '../pdf.js';
import { elements } from '../hast.js';

/**
 * report.yaml `citations: {bibliography: true}` on the mini report with tests/fixtures/overlays/citations laid
 * over it (the published examples of GB/T 7714-2015 and of the Chicago Manual of Style, cited in both editions):
 * built once, HTML and PDF, and read back.
 */
let root: string;
let out: string;
let diagnostics: Diagnostic[];
const pdfs = new Map<string, Pdf>();

beforeAll(async () => {
  root = reportCopy('mini');
  overlay(root, path.join(repo, 'tests', 'fixtures', 'overlays', 'citations'));
  appendFileSync(path.join(root, 'report.yaml'), 'citations:\n  bibliography: true\n');
  out = path.join(mkdtempSync(path.join(tmpdir(), 'bibliography-')), 'dist');
  diagnostics = (await build(options(root, out))).diagnostics;
  for (const lang of ['zh', 'en']) pdfs.set(lang, await readPdf(path.join(out, lang, `mini-report-${lang}.pdf`)));
}, 240_000);

afterAll(async () => {
  await closeTestBrowser();
  rmSync(root, { recursive: true, force: true });
  rmSync(path.dirname(out), { recursive: true, force: true });
});

const page = (lang: string) => fromHtml(readFileSync(path.join(out, lang, 'index.html'), 'utf8'));
const classes = (e: Element) => (e.properties.className as string[] | undefined) ?? [];

/** The edition's bibliography section and its entries' texts. */
function bibliography(lang: string): { section: Element; entries: string[] } {
  const section = elements(page(lang), (e) => e.tagName === 'section' && classes(e).includes('bibliography'))[0]!;
  const entries = elements(section, (e) => e.tagName === 'li').map((li) => toText(li).trim());
  return { section, entries };
}

describe('the bibliography (report.yaml citations.bibliography)', () => {
  it('builds without errors', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each([
    ['zh', '参考文献'],
    ['en', 'Bibliography'],
  ])('%s: closes the edition as a landmark section, titled from the theme, listed in the contents', (lang, title) => {
    const { section } = bibliography(lang);
    expect(section.properties.role).toBe('doc-bibliography');
    expect(section.properties.ariaLabelledBy).toEqual(['bibliography']);
    const heading = elements(section, (e) => e.tagName === 'h2')[0]!;
    expect([heading.properties.id, toText(heading)]).toEqual(['bibliography', title]);
    // After the last chapter: the last section of <main>.
    const main = elements(page(lang), (e) => e.tagName === 'main')[0]!;
    const chapters = elements(main, (e) => e.tagName === 'section' && classes(e).includes('chapter'));
    expect(chapters.at(-1)!.properties.dataChapter).toBe('bibliography');
    const toc = elements(page(lang), (e) => e.tagName === 'nav' && classes(e).includes('toc-print'))[0]!;
    const links = elements(toc, (e) => e.tagName === 'a').map((a) => [a.properties.href, toText(a).trim()]);
    expect(links.at(-1)).toEqual(['#bibliography', title]);
  });

  it('zh: every cited reference once, in the order first cited (GB/T 7714, 9.1 顺序编码制), as its note gives it', () => {
    // The note's form without the page cited (陈登原: "2000: 29." in the note); the reference no chapter cites is
    // not listed. The first five are the standard's own examples (citations.test.ts).
    expect(bibliography('zh').entries).toEqual([
      '李炳穆. 韩国图书馆法[J/OL]. 图书情报工作, 2008, 52(6): 6-12[2013-10-25]. http://www.docin.com/p-400265742.html.',
      '陈登原. 国史旧闻: 第1卷[M]. 北京: 中华书局, 2000.',
      '中国互联网络信息中心. 第 29 次中国互联网络发展现状统计报告[R/OL]. (2012-01-16)[2013-03-26]. http://www.cnnic.net.cn/hlwfzyj/hlwxzbg/201201/P020120709345264469680.',
      '余建斌. 我们的科技一直在追赶: 访中国工程院院长周济[N/OL]. 人民日报, 2013-01-12(2)[2013-03-20]. http://paper.people.com.cn/rmrb/html/2013-01/12/nw.D110000renmrb_20130112_5-02.htm.',
      '萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. http://www.creader.com/news/20011219/200112190019.html.',
      'SATTERFIELD S. Livy and the Pax Deum[J]. Classical Philology, 2016, 111(2): 165-176.',
      'SMITH Z. Swing Time[M]. New York: Penguin Press, 2016.',
      'MANJOO F. Snap Makes a Bet on the Cultural Supremacy of the Camera[N/OL]. New York Times, 2017-03-08. https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html.',
      'Yale University. About Yale: Yale Facts[EB/OL]. [2022-03-08]. https://www.yale.edu/about-yale/yale-facts.',
      'Congressional Budget Office. The Budget and Economic Outlook: 2017 to 2027[R]. Washington, DC: Congressional Budget Office, 2017.',
      '李兵, 林梅. 深港科技合作的一体化战略研究[J]. 特区经济, 2015(3): 9-12.',
    ]);
  });

  it("en: Chicago's bibliography, sorted by author (or what stands for one); the published examples as published", () => {
    // CMOS 17th ed., "Chicago-Style Citation Quick Guide", notes and bibliography (B): journal article (Satterfield),
    // book (Smith), news article (Manjoo); web page from the 18th ed.'s guide (Yale). Where each was read:
    // citations.test.ts. The report (no published example) and the Chinese ones follow the same rules (14.66–14.76).
    expect(bibliography('en').entries).toEqual([
      'Congressional Budget Office. The Budget and Economic Outlook: 2017 to 2027. Washington, DC: Congressional Budget Office, 2017.',
      'Li Bing 李兵 and Lin Mei 林梅. “深港科技合作的一体化战略研究” [A study of an integration strategy for Shenzhen–Hong Kong science and technology cooperation]. Special Zone Economy (特区经济), no. 3 (2015): 9–12.',
      'Manjoo, Farhad. “Snap Makes a Bet on the Cultural Supremacy of the Camera.” New York Times, March 8, 2017. https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html.',
      'Satterfield, Susan. “Livy and the Pax Deum.” Classical Philology 111, no. 2 (April 2016): 165–76.',
      'Smith, Zadie. Swing Time. New York: Penguin Press, 2016.',
      'Yale University. “About Yale: Yale Facts.” Accessed March 8, 2022. https://www.yale.edu/about-yale/yale-facts.',
      '中国互联网络信息中心. 第 29 次中国互联网络发展现状统计报告. January 16, 2012. http://www.cnnic.net.cn/hlwfzyj/hlwxzbg/201201/P020120709345264469680.',
      '余建斌. “我们的科技一直在追赶: 访中国工程院院长周济.” 人民日报, January 12, 2013. http://paper.people.com.cn/rmrb/html/2013-01/12/nw.D110000renmrb_20130112_5-02.htm.',
      '李炳穆. “韩国图书馆法.” 图书情报工作 52, no. 6 (2008): 6–12. http://www.docin.com/p-400265742.html.',
      '萧钰. “出版业信息化迈入快车道.” December 19, 2001. http://www.creader.com/news/20011219/200112190019.html.',
      '陈登原. 国史旧闻: 第1卷. 北京: 中华书局, 2000.',
    ]);
  });

  it.each([
    ['zh', '参考文献'],
    ['en', 'Bibliography'],
  ])('%s: the PDF prints it at the end, with its contents entry and bookmark on its page', (lang, title) => {
    const pdf = pdfs.get(lang)!;
    expect(checkToc(pdf).problems).toEqual([]);
    const bookmark = pdf.outline.find((o) => squash(o.title) === squash(title));
    expect(bookmark?.page).toBeGreaterThan(1);
    const text = squash(
      pdf.pages
        .slice(bookmark!.page! - 1)
        .map((p) => p.text)
        .join(''),
    );
    expect(text).toContain(squash(bibliography(lang).entries.at(-1)!));
  });
});

describe('a bibliography under a title of its own', () => {
  it("prints the title report.yaml gives a language, and the theme's for a language it does not name", async () => {
    const copy = reportCopy('mini');
    const dist = path.join(mkdtempSync(path.join(tmpdir(), 'bibliography-one-')), 'dist');
    try {
      overlay(copy, path.join(repo, 'tests', 'fixtures', 'overlays', 'citations'));
      appendFileSync(path.join(copy, 'report.yaml'), 'citations:\n  bibliography: {en: Works Cited}\n');
      const result = await build(options(copy, dist, { formats: ['html'] }));
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const heading = (lang: string) =>
        /<h2 id="bibliography">([^<]*)<\/h2>/.exec(readFileSync(path.join(dist, lang, 'index.html'), 'utf8'))?.[1];
      expect([heading('zh'), heading('en')]).toEqual(['参考文献', 'Works Cited']);
    } finally {
      rmSync(copy, { recursive: true, force: true });
      rmSync(path.dirname(dist), { recursive: true, force: true });
    }
  }, 120_000);
});
