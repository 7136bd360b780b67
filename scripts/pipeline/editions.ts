import type { BuildContext, Lang } from '../context.js';
import { editionFonts, type FontMode } from '../fonts/edition-fonts.js';
import type { EditionFonts } from '../fonts/subset.js';
import { cached } from '../incremental/dev-cache.js';
import { hashBytes } from '../incremental/inputs-hash.js';
import type { ChartDownloads, ChartTexts } from '../model/charts.js';
import type { ReportConfig } from '../model/config.js';
import type { ReportData } from '../model/data.js';
import type { EditionHtml, RenderedEdition } from '../model/edition.js';
import type { Templates } from '../model/templates.js';
import { applyTemplates } from '../stages/apply-templates/index.js';
import type { BuildOptions } from './options.js';
import type { StageTimer } from './timer.js';

export interface EditionPage {
  lang: Lang;
  html: EditionHtml;
  fonts: EditionFonts;
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
}

/**
 * apply-templates and the edition's fonts, per edition: the HTML page every format is made from (dev mode keeps
 * an edition's until its rendering, charts, config, templates or font mode change).
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
    const made = await cached(opts.devCache, ctx.diagnostics, `edition|${lang}`, key, async () => {
      const links = { others, pdfHref: input.pdfHref(lang) };
      const html = await stage('apply-templates', () =>
        applyTemplates(ctx, rendered[lang], config, data, templates, charts.svgs, links, charts.downloads),
      );
      return (
        html && {
          html,
          fonts: await stage('edition-fonts', () =>
            fontsOf(ctx, lang, html, templates, config, alsoServes, opts.fonts),
          ),
        }
      );
    });
    if (!made) return undefined;
    pages.push({ lang, ...made });
  }
  return pages;
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
