import path from 'node:path';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { cli, repo } from '../helpers.js';
import { units } from '../../scripts/locale/units.js';
import { schema as configSchema } from '../../scripts/stages/load-config.js';
import { frontMatterSchema } from '../../scripts/stages/load-content.js';
import { metaSchema } from '../../scripts/stages/load-data/datasets.js';
import { figureSchema } from '../../scripts/stages/load-data/figures.js';
import { tableSchema } from '../../scripts/stages/load-data/tables.js';
import { stringKeys } from '../../scripts/stages/load-templates/strings.js';

/**
 * docs/authoring.md stays true to the code: the report its "A complete example" section spells out
 * (every fenced block with file=…) builds, and every field, helper, unit, table option, string key and
 * theme file the code knows is named in it.
 */
const doc = readFileSync(path.join(repo, 'docs', 'authoring.md'), 'utf8');
const named = (name: string) =>
  doc.includes(`\`${name}\``) ||
  doc.includes(`\`${name}:`) ||
  new RegExp(`^\\s*(# )?${name.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}:`, 'm').test(doc);
const keys = (schema: { properties?: object }) => Object.keys(schema.properties ?? {});

describe('docs/authoring.md', () => {
  it('spells out a complete report that builds both editions, passes npm run check and binds its numbers to the data', async () => {
    const blocks = [...doc.matchAll(/^```\w+ file=(\S+)\n([\s\S]*?)^```$/gm)].map((m) => ({
      file: m[1]!,
      text: m[2]!,
    }));
    expect(blocks.map((b) => b.file).sort()).toEqual([
      'content/en/01-rd.md',
      'content/zh/01-rd.md',
      'data/charts/rd.vl.json',
      'data/figures.yaml',
      'data/rd.csv',
      'data/rd.meta.yaml',
      'data/tables.yaml',
      'report.yaml',
    ]);
    const root = mkdtempSync(path.join(tmpdir(), 'doc-example-'));
    for (const b of blocks) {
      mkdirSync(path.dirname(path.join(root, b.file)), { recursive: true });
      writeFileSync(path.join(root, b.file), b.text);
    }
    const check = await cli(['check', '--root', root]);
    expect(check.code, check.stderr).toBe(0);
    // the one warning the page announces: no record yet of the Chinese the translation follows; --accept writes it
    expect(check.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^content\/en\/01-rd\.md:1:1 {2}warning {2}No record of the Chinese text this chapter was translated from \(content\/en\/01-rd\.align\.yaml is missing\) .* {2}\[no-alignment\]$/,
      ),
    ]);
    const accepted = await cli(['check', '--root', root, '--accept', 'content/en/01-rd.md']);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stderr.trim()).toBe('');
    expect(readFileSync(path.join(root, 'content', 'en', '01-rd.align.yaml'), 'utf8')).toContain('from: rd.p1');
    const built = await cli(['build', '--root', root, '--format', 'html', '--quiet']);
    expect(built.code, built.stderr).toBe(0);
    const en = readFileSync(path.join(root, 'dist', 'en', 'index.html'), 'utf8');
    const zh = readFileSync(path.join(root, 'dist', 'zh', 'index.html'), 'utf8');
    // (a figure's number joined to its label by a no-break space: locale/no-break.ts)
    expect(en).toContain(
      'In 2021 Singapore spent 1.94% of its GDP on R&#x26;D, Hong Kong 0.97% (Figure\u00a01, Table\u00a01)',
    );
    // (the note's number kept on the line of the "）" before it: set with it in a span)
    expect(zh).toContain(
      '新加坡研发支出占国内生产总值的 1.94%，香港为 0.97%（图\u00a01、表\u00a01<span class="note-joint">）<sup',
    );
    expect(en).toContain('<tr><th scope="row">Singapore</th><td class="num">1.94%</td></tr>');
    expect(zh).toContain('<tr><th scope="row">香港</th><td class="num">0.97%</td></tr>');
    expect(en).toMatch(/data-figure="fig:rd"[\s\S]*?<svg/);
  });

  it('names every field of report.yaml, front matter, dataset meta, figures and tables', () => {
    const fields = [
      ...keys(configSchema),
      ...keys((configSchema.properties.editions as { properties: { zh: object } }).properties.zh),
      ...keys(frontMatterSchema),
      ...keys(metaSchema),
      ...keys(figureSchema.additionalProperties),
      ...keys(tableSchema.additionalProperties),
      ...keys(tableSchema.additionalProperties.properties.columns.items),
    ];
    expect(fields.length).toBeGreaterThan(40);
    expect(fields.filter((f) => !named(f))).toEqual([]);
  });

  it('names every unit, helper, string key and file of the built-in theme', () => {
    expect(units.filter((u) => !doc.includes(`| \`${u}\``))).toEqual([]);
    // chapters' helpers and their options; the layout's and partials' helpers
    for (const written of [
      '{{figure "',
      '{{table "',
      '{{ref "',
      '{{num "',
      ' bare=true}}',
      ' decimals=2}}',
      '{{> byline}}',
      '{{!--',
      '{{t ',
      '{{fmt ',
      '{{eq ',
      '{{{jsString ',
      '{{{cssString ',
    ])
      expect(doc, written).toContain(written);
    expect(stringKeys.concat('sourceLabels').filter((k) => !named(k))).toEqual([]);
    const themeFiles: string[] = [];
    const walk = (rel: string): void => {
      for (const name of readdirSync(path.join(repo, 'theme', rel))) {
        const r = rel ? `${rel}/${name}` : name;
        if (statSync(path.join(repo, 'theme', r)).isDirectory()) walk(r);
        else themeFiles.push(r);
      }
    };
    walk('');
    expect(themeFiles.filter((f) => !doc.includes(`\`${f}\``))).toEqual([]);
  });
});
