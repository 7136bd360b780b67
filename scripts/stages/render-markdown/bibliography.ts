import { h } from 'hastscript';
import type { BuildContext, Lang } from '../../context.js';
import type { ReportConfig } from '../../model/config.js';
import type { RenderedChapter } from '../../model/edition.js';
import type { Strings } from '../../model/templates.js';
import type { CiteEngine } from './cite-engine.js';
import { markOtherLanguage } from './language-runs.js';

/** The bibliography's id: its heading's, in the contents and the PDF's bookmarks. */
const id = 'bibliography';

/**
 * Its title in an edition: report.yaml `citations.bibliography` (`true`: the theme's word; a title per
 * language, the theme's word for a language it does not name), or none. Every edition has one or none: the
 * editions keep the same sections.
 */
export function bibliographyTitle(config: ReportConfig['citations'], lang: Lang, strings: Strings): string | undefined {
  const asked = config?.bibliography;
  if (!asked) return undefined;
  return (asked !== true && asked[lang]) || strings.bibliography;
}

/**
 * The edition's bibliography, after its last chapter: every reference it cites, in the style's bibliography
 * form and order (citeproc-js), under a heading that the contents and the PDF's bookmarks list, as a landmark
 * (`doc-bibliography`). Undefined when the edition cites nothing; a style without a `<bibliography>` is
 * reported.
 */
export function bibliographyChapter(
  ctx: BuildContext,
  lang: Lang,
  engine: CiteEngine | undefined,
  title: string,
  ids: Map<string, string>,
): RenderedChapter | undefined {
  const entries = engine?.bibliography();
  if (engine && !entries)
    ctx.diagnostics.report('citation-style', { file: 'report.yaml' }, [
      'it has no <bibliography>, which citations.bibliography asks for',
    ]);
  if (!entries?.length) return undefined;
  if (ids.has(id)) ctx.diagnostics.report('duplicate-id', { file: 'report.yaml' }, [id, ids.get(id)!]);
  const section = h('section.bibliography', { role: 'doc-bibliography', ariaLabelledby: id }, [
    h('h2', { id }, title),
    h(
      'ul.bibliography-list',
      entries.map((entry) => h('li.csl-entry', entry)),
    ),
  ]);
  const tree = { type: 'root' as const, children: [section] };
  markOtherLanguage(tree, lang);
  return {
    chapter: { lang, id, file: 'report.yaml', body: '', bodyLine: 1 },
    tree,
    headings: [{ id, depth: 2, text: title, chapterId: id, file: 'report.yaml', line: 1 }],
  };
}
