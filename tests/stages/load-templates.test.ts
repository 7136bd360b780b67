import path from 'node:path';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../scripts/stages/load-templates/index.js';
import { Diagnostics } from '../../scripts/diagnostics/collector.js';
import { formatDiagnostic } from '../../scripts/diagnostics/catalogue.js';
import { newSession, type BuildContext } from '../../scripts/context.js';
import { options, repo, reportCopy } from '../helpers.js';
import { prepare } from '../../scripts/build.js';
import type { DevCache } from '../../scripts/incremental/dev-cache.js';

/** The report's templates/ over the built-in theme/, file by file. */
function context(root: string, packageDir = repo): BuildContext {
  return {
    root,
    packageDir,
    diagnostics: new Diagnostics(),
    log: () => undefined,
    cacheDir: path.join(root, '.cache'),
    browser: () => Promise.reject(new Error('no browser')),
    browserTimeoutMs: 1000,
    session: newSession(),
  };
}
const theme = (rel: string) => readFileSync(path.join(repo, 'theme', rel), 'utf8');
const emptyReport = () => mkdtempSync(path.join(tmpdir(), 'tpl-'));
function put(root: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

describe('load-templates', () => {
  it('takes every file from the built-in theme when the report has no templates/', () => {
    const ctx = context(emptyReport());
    const t = loadTemplates(ctx, ['zh', 'en'])!;
    expect(ctx.diagnostics.list).toEqual([]);
    expect(t.layout).toBe(theme('layout.hbs'));
    expect(t.css).toBe(theme('styles/report.css'));
    expect(t.printCss).toBe(theme('styles/print.css'));
    expect(t.chartTheme).toEqual(JSON.parse(theme('chart-theme.json')));
    expect(t.strings.en).toEqual(parse(theme('strings/en.yaml')));
    expect(Object.keys(t.partials).sort()).toEqual([
      'byline',
      'cite',
      'figure-script',
      'table-dataset',
      'table-simple',
    ]);
    expect(t.files).toMatchObject({
      layout: 'theme/layout.hbs',
      'styles/report.css': 'theme/styles/report.css',
      'partials/byline': 'theme/partials/byline.hbs',
    });
  });

  it("replaces a file by the report's own, merges strings key by key, and adds or replaces partials by name", () => {
    const root = emptyReport();
    put(root, 'templates/styles/report.css', 'body { color: teal; }\n');
    put(root, 'templates/strings/en.yaml', 'downloadPdf: Get the PDF\nsourceLabels: { 数据来源: Data }\n');
    put(root, 'templates/partials/byline.hbs', '<p class="mine">{{meta.authorGroup}}</p>\n');
    put(root, 'templates/partials/table-extra.hbs', '<table></table>\n');
    const ctx = context(root);
    const t = loadTemplates(ctx, ['zh', 'en'])!;
    expect(ctx.diagnostics.list).toEqual([]);
    expect(t.css).toBe('body { color: teal; }\n');
    expect(t.printCss).toBe(theme('styles/print.css'));
    expect(t.files['styles/report.css']).toBe('templates/styles/report.css');
    const themeEn = parse(theme('strings/en.yaml'));
    expect(t.strings.en).toEqual({
      ...themeEn,
      downloadPdf: 'Get the PDF',
      sourceLabels: { ...themeEn.sourceLabels, 数据来源: 'Data' },
    });
    expect(t.strings.zh).toEqual(parse(theme('strings/zh.yaml')));
    expect(t.partials.byline).toBe('<p class="mine">{{meta.authorGroup}}</p>\n');
    expect(t.files['partials/byline']).toBe('templates/partials/byline.hbs');
    expect(t.partials['table-extra']).toBe('<table></table>\n');
    expect(t.partials['table-simple']).toBe(theme('partials/table-simple.hbs'));
  });

  it('reports a template that neither the report nor the theme provides, with its path', () => {
    const pkg = mkdtempSync(path.join(tmpdir(), 'pkg-'));
    cpSync(path.join(repo, 'theme'), path.join(pkg, 'theme'), { recursive: true });
    rmSync(path.join(pkg, 'theme', 'layout.hbs'));
    rmSync(path.join(pkg, 'theme', 'strings', 'en.yaml'));
    const ctx = context(emptyReport(), pkg);
    expect(loadTemplates(ctx, ['zh', 'en'])).toBeUndefined();
    expect(ctx.diagnostics.list.map(formatDiagnostic)).toEqual([
      "templates/layout.hbs:1:1  error  Missing file: templates/layout.hbs — the page layout; neither the report's templates/ nor the built-in theme/ has it  [missing-file]",
      "templates/strings/en.yaml:1:1  error  Missing file: templates/strings/en.yaml — every word the templates print comes from strings/en.yaml; neither the report's templates/ nor the built-in theme/ has it  [missing-file]",
    ]);
    // A report that provides them builds on that theme: its strings must then be complete.
    const root = emptyReport();
    put(root, 'templates/layout.hbs', '<html></html>\n');
    put(root, 'templates/strings/en.yaml', 'languageName: English\n');
    const ctx2 = context(root, pkg);
    expect(loadTemplates(ctx2, ['zh', 'en'])).toBeUndefined();
    expect(ctx2.diagnostics.list.map(formatDiagnostic)[0]).toMatch(
      /^templates\/strings\/en\.yaml:1:1 {2}error {2}the file lacks the field "figure"/,
    );
  });

  it("names the theme's own file in a message about it", () => {
    const pkg = mkdtempSync(path.join(tmpdir(), 'pkg-'));
    cpSync(path.join(repo, 'theme'), path.join(pkg, 'theme'), { recursive: true });
    writeFileSync(path.join(pkg, 'theme', 'styles', 'print.css'), '@import "https://example.org/print.css";\n');
    writeFileSync(path.join(pkg, 'theme', 'chart-theme.json'), '{ "font": }\n');
    const ctx = context(emptyReport(), pkg);
    expect(loadTemplates(ctx, ['zh', 'en'])).toBeUndefined();
    const lines = ctx.diagnostics.list.map(formatDiagnostic);
    expect(lines).toContainEqual(
      expect.stringMatching(/^theme\/chart-theme\.json:1:\d+ {2}error {2}JSON syntax error/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^theme\/styles\/print\.css:1:\d+ {2}error {2}Stylesheet refers to "https:\/\/example\.org\/print\.css"/,
      ),
    );
  });
});

describe('load-templates in dev mode (templates kept between rebuilds)', () => {
  it('keeps them while templates/ and the theme are unchanged, and loads them again after a save', async () => {
    const root = reportCopy('mini');
    const devCache: DevCache = new Map();
    const load = async () =>
      (await prepare(options(root, path.join(root, 'dist'), { formats: ['html'], devCache }))).templates;
    const first = await load();
    expect(await load()).toBe(first);
    put(root, 'templates/layout.hbs', `${theme('layout.hbs')}\n<!-- saved -->\n`);
    const saved = await load();
    expect(saved).not.toBe(first);
    expect(saved.layout.endsWith('<!-- saved -->\n')).toBe(true);
    rmSync(path.join(root, 'templates', 'layout.hbs'));
    expect((await load()).layout).toBe(theme('layout.hbs'));
  });
});
