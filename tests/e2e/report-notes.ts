/**
 * The notes of the repository's report, as each edition prints them: one citation each (data/references.json),
 * formatted by the edition's style. The original report's notes (in the text content/zh was made from; GB/T 7714-like, typed by
 * hand) are numbered 2–16 there (its note 1, on the abstract's title, is the authors' line: not a source); here 1–15.
 *
 * What the Chinese edition prints differently from the original's notes, and why (GB/T 7714-2015):
 * - A news article (notes 1–4, 8–10, 13) was "新华财经(2022-09-03), “香港加速创科发展”, URL"; it is now
 *   "香港加速创科发展[N/OL]. 新华财经, 2022-09-03. URL.": title first without quotation marks (8.1.4: no author,
 *   begin with the title), its type code [N/OL] (appendix B), the paper after it (4.4), ". " between parts.
 * - A report or web page with a responsible body (5, 6, 11, 12, 15) keeps that body first: "深圳市统计局.
 *   2021 年…公报[R/OL]. (2022-11-16). URL." ([EB/OL] for a web page; a site without an author stands in its place).
 * - Dates are YYYY-MM-DD (8.8): note 12's "2021-2-16" is "2021-02-16"; every date in the same brackets.
 * - Note 7: "2015(03)" is "2015(3)"; one space after ". , :".
 * - Note 6: "爱思唯尔&上海市…" names two bodies, separated by a comma (8.1.1).
 * - Note 14: of its five responsible parties, the first three and "等" (8.1.2); its DOI as "DOI:…" (8.7).
 * - No date of citation ([引用日期]) on any online source: neither the original nor the notes give one.
 *
 * What the English edition prints differently from its notes before they were citations (CMOS 17th ed.):
 * - Dates month first: "3 September 2022" is "September 3, 2022".
 * - An unsigned news article (14.207) or an organisation's web page (14.206) begins with its title, then the paper
 *   or site: "“香港加速创科发展” [Hong Kong accelerates …], Xinhua Finance (新华财经), September 3, 2022, URL."; a
 *   newspaper's name in italics; a report's title in italics (5, 6).
 * - Chinese names in pinyin with their characters, no parentheses: "Li Bing 李兵 and Lin Mei 林梅", "Shui Zhiwei 水志伟".
 * - A journal's issue as CMOS sets it: "Special Zone Economy (特区经济), no. 3 (2015): 9–12." for "…, 2015, no. 3,
 *   pp. 9–12."; note 14: "37, no. 10 (2021): 86–98", its DOI as a https://doi.org/ link, and with more than three
 *   authors the first and "et al." (14.22).
 * - The address is a link without angle brackets; every note ends with a full stop.
 */
export const reportNotes: { key: string; zh: string; en: string }[] = [
  {
    key: 'xinhua2022hk',
    zh: '香港加速创科发展[N/OL]. 新华财经, 2022-09-03. https://finance.sina.com.cn/jjxw/2022-09-03/doc-imizmscv8928010.shtml.',
    en: '“香港加速创科发展” [Hong Kong accelerates innovation and technology development], Xinhua Finance (新华财经), September 3, 2022, https://finance.sina.com.cn/jjxw/2022-09-03/doc-imizmscv8928010.shtml.',
  },
  {
    key: 'sznews2022patents',
    zh: '2021 年深圳专利授权量、商标注册量居全国第一[N/OL]. 深圳新闻网, 2022-04-26. https://www.sznews.com/news/content/2022-04/26/content_25088612.htm.',
    en: '“2021 年深圳专利授权量、商标注册量居全国第一” [Shenzhen ranks first in China for patents granted and trademarks registered in 2021], Shenzhen News Network (深圳新闻网), April 26, 2022, https://www.sznews.com/news/content/2022-04/26/content_25088612.htm.',
  },
  {
    key: 'sztqb2022growth',
    zh: '以科技创新为经济增长注入新动力[N/OL]. 深圳特区报, 2022-03-29. http://sztqb.sznews.com/MB/content/202203/29/content_1180188.html.',
    en: '“以科技创新为经济增长注入新动力” [Injecting new momentum into economic growth through science and technology innovation], Shenzhen Special Zone Daily (深圳特区报), March 29, 2022, http://sztqb.sznews.com/MB/content/202203/29/content_1180188.html.',
  },
  {
    key: 'nanfangplus2022digital',
    zh: '破 9000 亿！去年深圳数字经济核心产业增加值居全国首位｜大湾区产城速递[N/OL]. 南方 PLUS, 2022-11-12. https://new.qq.com/rain/a/20221112A086TV00.html.',
    en: '“破 9000 亿！去年深圳数字经济核心产业增加值居全国首位｜大湾区产城速递” [Over 900 billion! Value added of Shenzhen’s core digital-economy industries ranked first in China last year | Greater Bay Area Industry and City Express], Nanfang Plus (南方 PLUS), November 12, 2022, https://new.qq.com/rain/a/20221112A086TV00.html.',
  },
  {
    key: 'szstats2022rd',
    zh: '深圳市统计局. 2021 年深圳市科技经费投入统计公报[R/OL]. (2022-11-16). http://tjj.sz.gov.cn/zwgk/zfxxgkml/tjsj/tjgb/content/post_10242798.html.',
    en: 'Shenzhen Municipal Bureau of Statistics (深圳市统计局), 2021 年深圳市科技经费投入统计公报 [Statistical bulletin on science and technology expenditure in Shenzhen, 2021], November 16, 2022, http://tjj.sz.gov.cn/zwgk/zfxxgkml/tjsj/tjgb/content/post_10242798.html.',
  },
  {
    key: 'elsevier2021cities',
    zh: '爱思唯尔, 上海市研发公共服务平台管理中心. 国际科学、技术和创新的数据和见解——全球 20 个城市的比较研究报告[R/OL]. (2021-04-18). https://bluesyemre.com/2021/04/18/data-and-insights-on-international-science-technology-and-innovation-comparative-research-report-of-20-global-cities/.',
    en: 'Elsevier (爱思唯尔) and Shanghai R&D Public Service Platform Management Centre (上海市研发公共服务平台管理中心), 国际科学、技术和创新的数据和见解——全球 20 个城市的比较研究报告 [Data and Insights on International Science, Technology and Innovation: A Comparative Study of 20 Global Cities], April 18, 2021, https://bluesyemre.com/2021/04/18/data-and-insights-on-international-science-technology-and-innovation-comparative-research-report-of-20-global-cities/.',
  },
  {
    key: 'li2015integration',
    zh: '李兵, 林梅. 深港科技合作的一体化战略研究[J]. 特区经济, 2015(3): 9-12.',
    en: 'Li Bing 李兵 and Lin Mei 林梅, “深港科技合作的一体化战略研究” [A study of an integration strategy for Shenzhen–Hong Kong science and technology cooperation], Special Zone Economy (特区经济), no. 3 (2015): 9–12.',
  },
  {
    key: 'sztqb2022workshop',
    zh: '粤港澳青年创新创业工场：港澳青年逐梦圆梦之地[N/OL]. 深圳特区报, 2022-09-05. https://www.sohu.com/a/582520560_121384255.',
    en: '“粤港澳青年创新创业工场：港澳青年逐梦圆梦之地” [The Guangdong–Hong Kong–Macao Youth Innovation and Entrepreneurship Workshop: where young people from Hong Kong and Macao pursue their dreams], Shenzhen Special Zone Daily (深圳特区报), September 5, 2022, https://www.sohu.com/a/582520560_121384255.',
  },
  {
    key: 'nanfang2022qianhai',
    zh: '前海科创蓄势迸发“硬核”技术精彩亮相[N/OL]. 南方日报, 2022-11-18. https://baijiahao.baidu.com/s?id=1749796755288129106&wfr=spider&for=pc.',
    en: '“前海科创蓄势迸发‘硬核’技术精彩亮相” [Qianhai’s S&T innovation gathers momentum as “hard-core” technologies make a striking debut], Southern Daily (南方日报), November 18, 2022, https://baijiahao.baidu.com/s?id=1749796755288129106&wfr=spider&for=pc.',
  },
  {
    key: 'sznews2022contest',
    zh: '2022 前海粤港澳台青年创新创业大赛总决赛暨颁奖典礼成功举行[N/OL]. 深圳新闻网, 2022-12-13. http://www.sznews.com/news/content/mb/2022-12/13/content_25514403.htm.',
    en: '“2022 前海粤港澳台青年创新创业大赛总决赛暨颁奖典礼成功举行” [The final and award ceremony of the 2022 Qianhai Guangdong–Hong Kong–Macao–Taiwan Youth Innovation and Entrepreneurship Competition held successfully], Shenzhen News Network (深圳新闻网), December 13, 2022, http://www.sznews.com/news/content/mb/2022-12/13/content_25514403.htm.',
  },
  {
    key: 'szrelease2022bay',
    zh: '深圳发布. 大湾区大未来 |深港协同创新结硕果[EB/OL]. (2022-07-11). https://mp.weixin.qq.com/s/xO7tjkdkVIsC_pz3hg92aA.',
    en: '“大湾区大未来 |深港协同创新结硕果” [Greater Bay Area, greater future | Shenzhen–Hong Kong collaborative innovation bears fruit], Shenzhen Release (深圳发布), July 11, 2022, https://mp.weixin.qq.com/s/xO7tjkdkVIsC_pz3hg92aA.',
  },
  {
    key: 'hktdc2021startups',
    zh: '香港贸发局经贸研究. 初创在香港：创业生态系统的优势和弱点[EB/OL]. (2021-02-16). https://hkmb.hktdc.com/sc/NjY2Mzc0Njkz.',
    en: '“初创在香港：创业生态系统的优势和弱点” [Start-ups in Hong Kong: strengths and weaknesses of the entrepreneurial ecosystem], HKTDC Research (香港贸发局经贸研究), February 16, 2021, https://hkmb.hktdc.com/sc/NjY2Mzc0Njkz.',
  },
  {
    key: 'szcommercial2022talent',
    zh: '深圳集聚国际科创一流人才目前拥有全职院士 86 人，各类人才总量超 662 万人[N/OL]. 深圳商报, 2022-12-08. https://www.sznews.com/news/content/2022-12/08/content_25505000.htm.',
    en: '“深圳集聚国际科创一流人才目前拥有全职院士 86 人，各类人才总量超 662 万人” [Shenzhen gathers first-class international S&T innovation talent: it now has 86 full-time academicians, and its total talent of all kinds exceeds 6.62 million], Shenzhen Commercial Daily (深圳商报), December 8, 2022, https://www.sznews.com/news/content/2022-12/08/content_25505000.htm.',
  },
  {
    key: 'gdufs2021data',
    zh: '广东外语外贸大学粤港澳大湾区研究院课题组, 申明浩, 滕明明, 等. 数据要素跨境流动与治理机制设计——基于粤港澳大湾区建设的视角[J]. 国际经贸探索, 2021, 37(10): 86-98. DOI:10.13687/j.cnki.gjjmts.2021.10.006.',
    en: 'Research Group of the Guangdong–Hong Kong–Macao Greater Bay Area Research Institute, Guangdong University of Foreign Studies (广东外语外贸大学粤港澳大湾区研究院课题组) et al., “数据要素跨境流动与治理机制设计——基于粤港澳大湾区建设的视角” [The cross-boundary flow of data as a factor of production and the design of governance mechanisms: from the perspective of building the Guangdong–Hong Kong–Macao Greater Bay Area], International Economics and Trade Research (国际经贸探索) 37, no. 10 (2021): 86–98, https://doi.org/10.13687/j.cnki.gjjmts.2021.10.006.',
  },
  {
    key: 'shui2022biotech',
    zh: '水志伟. 深港应在生物科技领域实现全链条合作[EB/OL]. (2022-10-13). https://mp.weixin.qq.com/s/8hVU5qj1SWRxEAmcmzqdxg.',
    en: 'Shui Zhiwei 水志伟, “深港应在生物科技领域实现全链条合作” [Shenzhen and Hong Kong should achieve cooperation across the whole chain in biotechnology], October 13, 2022, https://mp.weixin.qq.com/s/8hVU5qj1SWRxEAmcmzqdxg.',
  },
];
