import { describe, expect, it } from 'vitest';
import { refText } from '../../scripts/locale/ref-list.js';

/** {{ref}} with several ids (#31 item 6): English style says "Figures 2 and 3", the Chinese original （图 2 和图 3）. */
const en = {
  figure: 'Figure',
  figures: 'Figures',
  table: 'Table',
  tables: 'Tables',
  numberSpace: ' ',
  listSeparator: ', ',
  listAnd: ' and ',
};
const zh = {
  figure: '图',
  figures: '图',
  table: '表',
  tables: '表',
  numberSpace: ' ',
  listSeparator: '、',
  listAnd: ' 和',
};
const nb = (s: string) => s.replace(/_/g, '\u00a0'); // (_ for a no-break space)
const refs = (...pairs: [string, number][]) => pairs.map(([id, n]) => ({ id, n }));

describe('a reference to several figures or tables', () => {
  it('shares the plural label in English: Figures 2 and 3, Figures 2, 3 and 5, Tables 1 and 2', () => {
    expect(refText(refs(['fig:a', 2], ['fig:b', 3]), en)).toBe(nb('Figures_2 and_3'));
    expect(refText(refs(['fig:a', 2], ['fig:b', 3], ['fig:c', 5]), en)).toBe(nb('Figures_2,_3 and_5'));
    expect(refText(refs(['tab:a', 1], ['tab:b', 2]), en)).toBe(nb('Tables_1 and_2'));
  });

  it('gives each number its label in Chinese: 图 2 和图 3, 图 2、图 3 和图 5', () => {
    expect(refText(refs(['fig:a', 2], ['fig:b', 3]), zh)).toBe(nb('图_2 和图_3'));
    expect(refText(refs(['fig:a', 2], ['fig:b', 3], ['fig:c', 5]), zh)).toBe(nb('图_2、图_3 和图_5'));
  });

  it('names figures and tables mixed each with its own label', () => {
    expect(refText(refs(['fig:a', 2], ['tab:b', 1]), en)).toBe(nb('Figure_2 and_Table_1'));
    expect(refText(refs(['fig:a', 2], ['tab:b', 1]), zh)).toBe(nb('图_2 和表_1'));
  });

  it('prints one as before: Figure 2, 图 2', () => {
    expect(refText(refs(['fig:a', 2]), en)).toBe(nb('Figure_2'));
    expect(refText(refs(['tab:a', 4]), zh)).toBe(nb('表_4'));
  });
});
