import type { BuildContext, Lang } from '../context.js';
import { Diagnostics } from '../diagnostics/collector.js';
import { editionFonts, type FontMode } from '../fonts/edition-fonts.js';
import type { EditionFonts } from '../fonts/subset.js';
import { cached } from '../incremental/dev-cache.js';
import { hashBytes } from '../incremental/inputs-hash.js';
import type { ChartDownloads, ChartTexts } from '../model/charts.js';
import type { ReportConfig } from '../model/config.js';
import type { ReportData } from '../model/data.js';
import type { EditionHtml, EditionTrees, RenderedEdition } from '../model/edition.js';
import type { Templates } from '../model/templates.js';
import { applyTemplates } from '../stages/apply-templates/index.js';
import type { BuildOptions } from './options.js';
import type { StageTimer } from './timer.js';

export interface EditionPage {
  lang: Lang;
  html: EditionHtml;
  fonts: EditionFonts;
  /** The chapters' filled trees, when a format of the build walks them (`wantTrees`); dropped once the outputs are made. */
  trees?: EditionTrees;
}

export interface EditionsInput {
  langs: Lang[];
  config: ReportConfig;
  templates: Templates;
  data: ReportData;
  rendered: Record<Lang, RenderedEdition>;
  renderKeys: Partial<Record<Lang, string>>;
  charts: { svgs: ChartTexts; downloads: ChartDownloads };
  /** The language chooser's text, set in the first edition's fonts. */
  chooser: string;
  /** The PDF each edition's page links to, relative to its folder. */
  pdfHref: (lang: Lang) => string;
  /** Whether a format of the build is written from the chapters' trees (`OutputFormat.trees`). */
  wantTrees: boolean;
}

/**
 * apply-templates and the edition's fonts, per edition: the HTML page every format is made from, and the chapters'
 * trees when a format walks them. Dev mode keeps an edition's page and fonts until its rendering, charts, config,
 * templates or font mode change, never its trees: a build that wants them and reuses the page fills them again.
 */
export async function editionPages(
  ctx: BuildContext,
  opts: BuildOptions,
  input: EditionsInput,
  stage: StageTimer,
): Promise<EditionPage[] | undefined> {
  const { config, templates, data, rendered, charts } = input;
  const pages: EditionPage[] = [];
  for (const lang of input.langs) {
    const others = config.languages
      .filter((l) => l !== lang)
      .map((l) => ({ lang: l, name: templates.strings[l].languageName, href: `../${l}/index.html` }));
    const alsoServes = lang === input.langs[0] ? input.chooser : '';
    const svgs = [...charts.svgs].filter(([k]) => k.startsWith(`${lang}|`));
    const key = () =>
      hashBytes(JSON.stringify([input.renderKeys[lang], svgs, config, templates, alsoServes, opts.fonts]));
    const links = { others, pdfHref: input.pdfHref(lang) };
    const templated = (c: BuildContext) =>
      stage('apply-templates', () =>
        applyTemplates(c, rendered[lang], config, data, templates, charts.svgs, links, charts.downloads, {
          trees: input.wantTrees,
        }),
      );
    const made = await cached(
      opts.devCache,
      ctx.diagnostics,
      `edition|${lang}`,
      key,
      async (): Promise<Omit<EditionPage, 'lang'> | undefined> => {
        const t = await templated(ctx);
        if (!t) return undefined;
        const fonts = await stage('edition-fonts', () =>
          fontsOf(ctx, lang, t.page, templates, config, alsoServes, opts.fonts),
        );
        return { html: t.page, fonts, trees: t.trees };
      },
      (m) => m && { html: m.html, fonts: m.fonts },
    );
    if (!made) return undefined;
    // (a page dev mode kept: its problems were reported again with it, so the second filling's are set aside)
    const trees = made.trees ?? (input.wantTrees ? (await templated(quiet(ctx)))?.trees : undefined);
    pages.push({ lang, html: made.html, fonts: made.fonts, trees });
  }
  return pages;
}

/** The context with a collector of its own: for work done again whose problems were already reported. */
function quiet(ctx: BuildContext): BuildContext {
  return { ...ctx, diagnostics: new Diagnostics() };
}

/** The edition's fonts. `alsoServes`: other text set in them (the language chooser uses the first edition's). */
function fontsOf(
  ctx: BuildContext,
  lang: Lang,
  html: EditionHtml,
  templates: Templates,
  config: ReportConfig,
  alsoServes: string,
  fonts?: FontMode,
): Promise<EditionFonts> {
  const strings = templates.strings[lang];
  const extraText = [
    strings.pageBefore,
    strings.pageMiddle,
    strings.pageAfter,
    // (printed by the print style sheet before the rest of a footnote split across pages)
    strings.noteContinued,
    config.editions[lang].shortTitle,
    '0123456789',
    alsoServes,
  ];
  return editionFonts(ctx, lang, html.html, extraText.join(''), fonts);
}
