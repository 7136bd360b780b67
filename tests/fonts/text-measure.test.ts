import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { newSession, type BuildContext } from '../../scripts/context.js';
import { Diagnostics } from '../../scripts/diagnostics/collector.js';
import { textMeasure } from '../../scripts/fonts/text-measure.js';
import { familyNames, matchWeight } from '../../scripts/fonts/font-match.js';
import { words } from '../../scripts/fonts/words.js';
import { closeTestBrowser, repo, testBrowser } from '../helpers.js';
import { openVegaPage } from '../stages/render-charts/chromium-svg.js';

afterAll(closeTestBrowser);

describe('text measured from the bundled fonts', () => {
  it('is, to the last bit, what a Chromium canvas measures with the same fonts loaded', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'text-measure-'));
    const ctx: BuildContext = {
      root: repo,
      packageDir: repo,
      diagnostics: new Diagnostics(),
      log: () => undefined,
      cacheDir: dir,
      browser: testBrowser,
      browserTimeoutMs: 120_000,
      session: newSession(),
    };
    const en = "'Source Sans 3', 'Noto Sans SC'";
    const zh = "'Noto Sans SC'";
    const texts = [
      'Hong Kong',
      'AVATAR To Wave',
      'R&D expenditure (RMB 100 million)',
      '2010–2021',
      '−1,234.5%',
      'x …',
      'Wait… “quoted”',
      '香港',
      '研发支出占 GDP 比重（%）',
      '深圳 Shenzhen 2020',
      'ﬁne ligature',
      'A very long label that runs on well past two hundred and fifty-six pixels at twelve',
      // Words measured above, again in other texts (as a caption is wrapped, prefix by prefix): widths kept per word.
      'Hong Kong R&D 2010–2021',
      '香港深圳',
      '研发支出占 GDP',
      'A very long label',
    ];
    const cases = texts.flatMap((text) =>
      [
        { families: en, size: 11, weight: 400 },
        { families: en, size: 12, weight: 'bold' },
        { families: zh, size: 12.5, weight: 400 },
        { families: zh, size: 9.75, weight: 700 },
        { families: `'No Such Font', ${zh}`, size: 14, weight: 600 },
      ].map((f) => ({ ...f, text })),
    );
    try {
      const page = (await openVegaPage(ctx, dir))[0]!.page;
      const chromium = await page.evaluate(async (list: typeof cases) => {
        const g = document.createElement('canvas').getContext('2d')!;
        const out: number[] = [];
        for (const c of list) {
          g.font = `${c.weight} ${c.size}px ${c.families}`;
          await document.fonts.load(g.font, c.text);
          out.push(g.measureText(c.text).width);
        }
        return out;
      }, cases);
      await page.close();
      const measure = textMeasure(ctx);
      const node = () => cases.map((c) => measure.width({ families: c.families, weight: c.weight }, c.size, c.text));
      node();
      // The first pass names the font files it needs; once they are decoded, nothing is missing.
      expect(await measure.loadMissing()).toBe(true);
      node();
      await measure.loadMissing();
      const widths = node();
      expect(measure.missing.size).toBe(0);
      expect(cases.map((c, i) => `${c.families} ${c.weight} ${c.size}px ${c.text}: ${widths[i]}`)).toEqual(
        cases.map((c, i) => `${c.families} ${c.weight} ${c.size}px ${c.text}: ${chromium[i]}`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cuts text into the words Chromium shapes one by one', () => {
    expect(words('x …')).toEqual(['x', ' ', '…']);
    expect(words('占 GDP 比重（%）')).toEqual(['占', ' ', 'GDP', ' ', '比', '重', '（', '%', '）']);
    expect(words('AV  To')).toEqual(['AV', ' ', ' ', 'To']);
  });

  it('picks weights and families as CSS does', () => {
    expect(matchWeight(700, [400, 600])).toBe(600);
    expect(matchWeight(600, [400, 700])).toBe(700);
    expect(matchWeight(450, [300, 500, 700])).toBe(500);
    expect(matchWeight(450, [300, 700])).toBe(300);
    expect(matchWeight(300, [400, 700])).toBe(400);
    expect(familyNames(`'Source Sans 3', "Noto Sans SC", sans-serif`)).toEqual([
      'Source Sans 3',
      'Noto Sans SC',
      'sans-serif',
    ]);
  });
});
