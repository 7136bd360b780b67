import path from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { toText } from 'hast-util-to-text';
import { prepare } from '../../../scripts/build.js';
import { BuildFailed, formatDiagnostic } from '../../../scripts/diagnostics/catalogue.js';
import { options, reportCopy } from '../../helpers.js';

/**
 * {{ref}} with several ids in a real (mini) report's chapters, rendered in both editions: "Figures 1 and 2" and
 * （图 1 和图 2）, mixed kinds each with their label, and the pair in step with a translation that cites the same
 * figures one by one.
 */
const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function mini(zh: string, en: string): string {
  const root = reportCopy('mini');
  roots.push(root);
  for (const [lang, text] of [
    ['zh', zh],
    ['en', en],
  ]) {
    const file = path.join(root, 'content', lang!, '01-main.md');
    const md = readFileSync(file, 'utf8');
    const cited = /\{\{ref "fig:growth"\}\}(、|, )\{\{ref "tab:simple"\}\}/;
    expect(md).toMatch(cited);
    writeFileSync(file, md.replace(cited, text!));
  }
  // Without the sidecar each pair is compared as it stands (with it, the edited pair would be stale: not compared).
  rmSync(path.join(root, 'content', 'en', '01-main.align.yaml'));
  return root;
}

/** The differences found inside each pair of units (numbers, {{num}}, {{ref}}, notes, links on one side only). */
const mismatches = (prep: Awaited<ReturnType<typeof prepare>>) =>
  prep.alignment.translations
    .flatMap((t) => t.chapters.flatMap((c) => c.pairs.flatMap((p) => [p.status, ...p.mismatches.map((m) => m.what)])))
    .filter((x) => x !== 'ok' && x !== 'unrecorded');

const chapterText = (prep: Awaited<ReturnType<typeof prepare>>, lang: 'zh' | 'en') =>
  toText(prep.rendered[lang].chapters[0]!.tree).replace(/\u00a0/g, '_');

describe('{{ref}} with several ids', () => {
  it('prints Figures 1 and 2 in English and 图 1 和图 2 in Chinese, a figure and a table each with its label', async () => {
    const root = mini(
      '{{ref "fig:growth" "fig:later"}}；{{ref "fig:growth" "tab:simple"}}',
      '{{ref "fig:growth" "fig:later"}}; {{ref "fig:growth" "tab:simple"}}',
    );
    const prep = await prepare(options(root, path.join(root, 'dist'), { formats: ['html'] }));
    expect(chapterText(prep, 'en')).toContain('(Figures_1 and_2; Figure_1 and_Table_1)');
    expect(chapterText(prep, 'zh')).toContain('（图_1 和图_2；图_1 和表_1）');
    expect(mismatches(prep)).toEqual([]);
  });

  it('is in step with a translation that cites the same figures one by one', async () => {
    const root = mini('{{ref "fig:growth" "fig:later"}}', '{{ref "fig:growth"}} and {{ref "fig:later"}}');
    const prep = await prepare(options(root, path.join(root, 'dist'), { formats: ['html'] }));
    expect(chapterText(prep, 'en')).toContain('(Figure_1 and Figure_2)');
    expect(mismatches(prep)).toEqual([]);
  });

  it('names a figure the translation does not cite, as the single {{ref}} would', async () => {
    const root = mini('{{ref "fig:growth" "fig:later"}}', '{{ref "fig:growth"}}');
    const failed = await prepare(options(root, path.join(root, 'dist'), { formats: ['html'] })).catch((e) => e);
    expect(failed).toBeInstanceOf(BuildFailed);
    const lines = (failed as BuildFailed).diagnostics.map(formatDiagnostic);
    // The parity check (an error: a figure cited in one edition only) and the pair's own difference.
    const refs = lines.filter((l) => l.includes('{{ref'));
    expect(refs.length).toBe(2);
    for (const l of refs) expect(l).toContain('{{ref "fig:later"}}');
    expect(refs).toContainEqual(expect.stringMatching(/only in the Chinese .*\[pair-mismatch\]$/));
  });
});
