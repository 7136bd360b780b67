import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';

/**
 * A report for tests/e2e/print-layout.test.ts, laid over a copy of tests/fixtures/mini: three runs of chapters, each
 * chapter a page of text and then what is tested: a section heading and its paragraph; a four-row table; the
 * chapter's notes. The page of text is half a line longer in each chapter of a run than in the one before (a line
 * longer, or the same lines split into two paragraphs), so that in one chapter or another what is tested starts
 * at every height near the page's foot, and the paragraphs' last lines fall across the page break.
 */
export type Lang = 'zh' | 'en';

export type Kind = 'heading' | 'table' | 'notes';
const KINDS: Kind[] = ['heading', 'table', 'notes'];
/** Chapters in each run. */
const RUN = 12;
export const CHAPTERS = KINDS.length * RUN;
export const kindOf = (k: number): Kind => KINDS[Math.floor((k - 1) / RUN)]!;

/** A line of body text each (zh: 44 characters of the 45 a line holds; en: a little less than a line). */
const sentence: Record<Lang, string> = {
  zh: '深港两地的科技合作在过去十年里稳步推进，成果已体现在专利、企业、人才和资金等多个方面上。',
  en: 'Cooperation between the two cities has grown steadily and shows in patents and firms. ',
};

const paragraph = (lang: Lang, lines: number) => sentence[lang].repeat(lines).trim();

export const sectionTitle = (lang: Lang, k: number) => (lang === 'zh' ? `节 ${k}` : `Section ${k}`);
export const tableCaption = (lang: Lang, k: number) => (lang === 'zh' ? `四行表格 ${k}` : `Four-row table ${k}`);

/** The page of text before what is tested: chapter k of its run (0…) a line longer every other chapter, and split in two in between. */
function pageOfText(lang: Lang, k: number): string[] {
  const step = (k - 1) % RUN;
  const lines = 6 + Math.floor(step / 2);
  const last = step % 2 ? [paragraph(lang, 2), paragraph(lang, lines - 2)] : [paragraph(lang, lines)];
  return [paragraph(lang, 12), paragraph(lang, 11), ...last];
}

function chapter(lang: Lang, k: number): string {
  const zh = lang === 'zh';
  const notes = [`n${k}-1`, `n${k}-2`];
  const text = pageOfText(lang, k);
  const tested = {
    heading: () => [`## ${sectionTitle(lang, k)} {#s-${k}}`, paragraph(lang, 3), paragraph(lang, 2)],
    table: () => [`{{table "tab:four-${k}"}}`, paragraph(lang, 2)],
    notes: () => [
      text.pop()! + notes.map((n) => `[^${n}]`).join(''),
      ...notes.map((n) => `[^${n}]: ${zh ? `来源 ${n}` : `Source ${n}`}, <https://example.org/${n}>`),
    ],
  }[kindOf(k)]();
  const heading = zh ? `# 第 ${k} 章 {#ch-${k}}` : `# Chapter ${k} {#ch-${k}}`;
  // The first chapter ends with a level-four heading (an h5 on the page).
  const h5 = k === 1 ? [`#### ${zh ? '细节' : 'Detail'} {#detail}`, paragraph(lang, 2)] : [];
  return ['---', `id: ch-${k}`, '---', heading, ...text, ...tested, ...h5].join('\n\n');
}

/** The chapters, in both languages (no sidecar: the translation is paired by section and order). */
export function layoutChapters(root: string): void {
  for (const lang of ['zh', 'en'] as const) {
    mkdirSync(path.join(root, 'content', lang), { recursive: true });
    for (let k = 1; k <= CHAPTERS; k++)
      writeFileSync(path.join(root, 'content', lang, `${String(k).padStart(2, '0')}-ch-${k}.md`), chapter(lang, k));
  }
}

/** A four-row table for each chapter of the table run, tab:four-<chapter> (data/tables/four.json). */
export function layoutTables(root: string): void {
  const cell = (zh: string, en: string) => ({ zh, en });
  const rows = ['深圳|Shenzhen', '香港|Hong Kong', '广州|Guangzhou', '澳门|Macao'].map((c, i) => {
    const [zh, en] = c.split('|') as [string, string];
    return [cell(zh, en), cell(String(i + 1), String(i + 1))];
  });
  const table = { source: 'test', columns: [cell('城市', 'City'), cell('排名', 'Rank')], rows };
  writeFileSync(path.join(root, 'data', 'tables', 'four.json'), JSON.stringify(table));
  const tables = Array.from({ length: CHAPTERS }, (_, i) => i + 1).filter((k) => kindOf(k) === 'table');
  const yaml = tables.map((k) =>
    [
      `tab:four-${k}:`,
      `  caption: { zh: ${tableCaption('zh', k)}, en: ${tableCaption('en', k)} }`,
      '  source: { zh: 测试来源, en: Test source }',
      '  data: tables/four.json',
      '  partial: table-simple',
    ].join('\n'),
  );
  writeFileSync(path.join(root, 'data', 'tables.yaml'), yaml.join('\n') + '\n');
  // (the mini report's figures are not placed in these chapters)
  writeFileSync(path.join(root, 'data', 'figures.yaml'), '{}\n');
}
