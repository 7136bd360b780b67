import path from 'node:path';
import type { ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { BuildContext, Lang } from '../../context.js';
import type { References } from '../../model/references.js';
import { readText, resolveInside } from '../../sources/files.js';
import type { CiteItem } from '../../units/citation-syntax.js';
import { referenceFor } from './reference-language.js';

/** citeproc-js, imported by the caller when the report has references (it takes a quarter of a second to load). */
export type Citeproc = typeof import('citeproc').default;

/** The CSL styles and locales shipped with the pipeline (theme/csl/), by edition language. */
const styles: Record<Lang, string> = { zh: 'gb-t-7714-2015-note.csl', en: 'chicago-notes.csl' };
const locales: Record<Lang, string> = { zh: 'zh-CN', en: 'en-US' };

/** Formats citations for one edition: citeproc-js with the edition's CSL style. */
export interface CiteEngine {
  /**
   * The citation as a note says it (`Author, Title (Place: Publisher, Year), 10.`), as hast; called in the
   * edition's order, so that a source cited again can be given in short (`Author, Title, 12.`).
   */
  note(items: CiteItem[]): ElementContent[];
  /** The author alone, for `@key` in running text. */
  author(item: CiteItem): ElementContent[];
  /**
   * Every reference cited so far, each as the style's bibliography gives it, in the style's order (its
   * `<sort>`, or the order first cited); undefined when the style has no `<bibliography>`.
   */
  bibliography(): ElementContent[][] | undefined;
}

/**
 * citeproc-js over the report's references, in the edition's style (the built-in one, or the file report.yaml
 * names for the language: `stylePath`, inside the report). Undefined, reported, when the style cannot be read.
 */
export function citeEngine(
  ctx: BuildContext,
  lang: Lang,
  refs: References,
  stylePath: string | undefined,
  CSL: Citeproc,
): CiteEngine | undefined {
  const cslDir = path.join(ctx.packageDir, 'theme', 'csl');
  const file = stylePath
    ? resolveInside(ctx, ctx.root, stylePath, { file: 'report.yaml' })
    : path.join(cslDir, styles[lang]);
  const style = file && readText(ctx, file, { file: 'report.yaml' }, 'citations.style names a CSL file of the report');
  if (style === undefined) return undefined;
  let engine: InstanceType<typeof CSL.Engine>;
  try {
    const sys = {
      retrieveLocale: (l: string) => readText(ctx, path.join(cslDir, `locales-${l}.xml`)) ?? '',
      retrieveItem: (id: string) => referenceFor(refs.items.get(id)!, lang),
    };
    engine = new CSL.Engine(sys, style, locales[lang], true);
    engine.setOutputFormat('html');
    // A URL or a DOI in a note or the bibliography is a link, as an address typed in Markdown is.
    engine.opt.development_extensions.wrap_url_and_doi = true;
  } catch (e) {
    ctx.diagnostics.report('citation-style', { file: stylePath ?? `theme/csl/${styles[lang]}` }, [
      String((e as Error).message).split('\n')[0]!,
    ]);
    return undefined;
  }
  const toHast = (html: string) => fromHtml(html, { fragment: true }).children as ElementContent[];
  const item = (i: CiteItem) => ({
    id: i.key,
    ...(i.locator && { locator: i.locator, label: i.label ?? 'page' }),
    ...(i.prefix && { prefix: `${i.prefix} ` }),
    ...(i.suffix && { suffix: ` ${i.suffix}` }),
  });
  // The edition's citations so far, in order: a style can then give a source cited again in short (Chicago).
  const before: [string, number][] = [];
  const note = (items: CiteItem[]) => {
    const n = before.length + 1;
    const citation = { citationID: `c${n}`, citationItems: items.map(item), properties: { noteIndex: n } };
    const [, changed] = engine.processCitationCluster(citation, before, []);
    before.push([citation.citationID, n]);
    return changed.find(([, , id]) => id === citation.citationID)![1];
  };
  return {
    note: (items) => toHast(note(items)),
    author: (i) => toHast(engine.makeCitationCluster([{ id: i.key, 'author-only': true }])),
    bibliography: () => {
      const made = engine.makeBibliography();
      if (!made) return undefined;
      // Each entry is a <div class="csl-entry">: its content is the entry.
      return made[1].map((html) => toHast(html.trim()).flatMap((n) => (n.type === 'element' ? n.children : [n])));
    },
  };
}
