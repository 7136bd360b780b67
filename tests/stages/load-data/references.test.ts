import path from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { contextFor } from '../../../scripts/pipeline/prepare.js';
import { Diagnostics } from '../../../scripts/diagnostics/collector.js';
import { loadReferences } from '../../../scripts/stages/load-data/references.js';
import { options } from '../../helpers.js';

const bib = `% the report's bibliography
@article{li2015,
  author = {Li, Bing and Lin, Mei},
  title = {深港科技合作的一体化战略研究},
  journal = {特区经济},
  year = {2015},
  number = {3},
  pages = {9--12}
}

@book{chen2000,
  author = {陈登原},
  title = {国史旧闻: 第1卷},
  publisher = {中华书局},
  address = {北京},
  year = {2000}
}
`;

describe('data/references.bib', () => {
  it('is read into CSL-JSON by citation-js, each reference with the line its entry starts on', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'references-'));
    try {
      writeFileSync(path.join(root, 'references.bib'), bib);
      const ctx = contextFor(options(root, path.join(root, 'dist')), new Diagnostics());
      const refs = (await loadReferences(ctx, root, ['references.bib']))!;
      expect(ctx.diagnostics.list).toEqual([]);
      expect(refs.file).toBe('data/references.bib');
      expect(refs.items.get('li2015')).toMatchObject({
        type: 'article-journal',
        author: [
          { family: 'Li', given: 'Bing' },
          { family: 'Lin', given: 'Mei' },
        ],
        'container-title': '特区经济',
        issue: '3',
        page: '9-12',
        issued: { 'date-parts': [[2015]] },
      });
      expect(refs.items.get('chen2000')).toMatchObject({
        type: 'book',
        publisher: '中华书局',
        'publisher-place': '北京',
      });
      expect([...refs.at].map(([k, at]) => `${k} ${at.line}:${at.column}`)).toEqual(['li2015 2:1', 'chen2000 11:1']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
